//! A thin layer over quick-xml's writer for the feeds and sitemaps: every
//! text and attribute goes through quick-xml's escaping, never through
//! string concatenation.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// An XML document being written into memory. Writing into a `Vec` cannot
/// fail, so the methods return nothing.
pub struct Xml {
    writer: Writer<Vec<u8>>,
}

impl Xml {
    pub fn new() -> Self {
        Xml::with_capacity(4096)
    }

    pub fn with_capacity(bytes: usize) -> Self {
        Xml {
            writer: Writer::new(Vec::with_capacity(bytes)),
        }
    }

    /// Starts a document with the XML declaration; `bytes` is a size hint.
    pub fn document(bytes: usize) -> Self {
        let mut xml = Xml::with_capacity(bytes);
        let _ = xml
            .writer
            .write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)));
        xml.raw(b"\n");
        xml
    }

    pub fn start(&mut self, name: &str, attributes: &[(&str, &str)]) {
        let mut tag = BytesStart::new(name);
        for &(k, v) in attributes {
            tag.push_attribute((k, v));
        }
        let _ = self.writer.write_event(Event::Start(tag));
    }

    pub fn end(&mut self, name: &str) {
        let _ = self.writer.write_event(Event::End(BytesEnd::new(name)));
    }

    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        let mut tag = BytesStart::new(name);
        for &(k, v) in attributes {
            tag.push_attribute((k, v));
        }
        let _ = self.writer.write_event(Event::Empty(tag));
    }

    /// `<name attributes>text</name>`, the text escaped.
    pub fn element(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.start(name, attributes);
        let _ = self.writer.write_event(Event::Text(BytesText::new(text)));
        self.end(name);
    }

    /// Bytes that are already XML (a pre-rendered entry).
    pub fn raw(&mut self, bytes: &[u8]) {
        self.writer.get_mut().extend_from_slice(bytes);
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.writer.into_inner()
    }
}

impl Default for Xml {
    fn default() -> Self {
        Xml::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut xml = Xml::new();
        xml.element("title", &[("href", "/a?x=1&y=\"2\"")], "AT&T <삼성> ]]>");
        let out = String::from_utf8(xml.into_bytes()).unwrap();
        assert_eq!(
            out,
            "<title href=\"/a?x=1&amp;y=&quot;2&quot;\">AT&amp;T &lt;삼성&gt; ]]&gt;</title>"
        );
    }
}
