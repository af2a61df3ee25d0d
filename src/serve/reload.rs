//! Live reload: the events the browser receives, and the script that
//! listens for them.
//!
//! The script is added to HTML responses by the server, never to the files
//! a build writes. It listens on Server-Sent Events at [`EVENTS_PATH`]:
//! `reload` (after a rebuild; with moved pages, so a page whose URL changed
//! follows it), `css` (only stylesheets changed: swapped without a reload)
//! and `error` (shown in an overlay until the fix arrives).

use serde::Serialize;

/// Where the browser listens; outside any base path.
pub const EVENTS_PATH: &str = "/__byline/events";

/// One message to the browsers.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ReloadEvent {
    Reload { moved: Vec<Moved> },
    Css,
    Error { message: String },
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Moved {
    pub from: String,
    pub to: String,
}

impl ReloadEvent {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"type\":\"reload\",\"moved\":[]}".into())
    }
}

/// Inserted before `</body>` of every served HTML page.
pub const SCRIPT: &str = r#"<script>/* byline serve: live reload */
(() => {
  const overlayId = "byline-error-overlay";
  const showError = (message) => {
    let box = document.getElementById(overlayId);
    if (!box) {
      box = document.createElement("div");
      box.id = overlayId;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,24,.92);color:#fff;" +
        "padding:2rem;overflow:auto;font:14px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
      const title = document.createElement("p");
      title.textContent = "byline: the last change could not be built; showing the last good version underneath.";
      title.style.cssText = "color:#ffb4a8;font-weight:bold;margin:0 0 1rem";
      const pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      box.append(title, pre);
      document.body.append(box);
    }
    box.querySelector("pre").textContent = message;
  };
  const events = new EventSource("/__byline/events");
  window.bylineLiveReload = events;
  events.onmessage = (e) => {
    const event = JSON.parse(e.data);
    if (event.type === "error") {
      showError(event.message);
    } else if (event.type === "css") {
      for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
        const url = new URL(link.href);
        url.searchParams.set("byline-reload", Date.now());
        link.href = url.href;
      }
    } else if (event.type === "reload") {
      const moved = event.moved.find((m) => m.from === location.pathname);
      if (moved) {
        location.assign(moved.to);
      } else {
        location.reload();
      }
    }
  };
})();
</script>
"#;

/// Adds the live-reload script to an HTML page.
pub fn inject(html: &[u8]) -> Vec<u8> {
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(SCRIPT.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = String::from_utf8(inject(b"<body><p>x</p></body></html>")).unwrap();
        assert!(out.starts_with("<body><p>x</p><script>"));
        assert!(out.ends_with("</script>\n</body></html>"));
    }

    #[test]
    fn events_serialize_with_a_type() {
        let e = ReloadEvent::Reload {
            moved: vec![Moved {
                from: "/a/".into(),
                to: "/b/".into(),
            }],
        };
        assert_eq!(
            e.to_json(),
            r#"{"type":"reload","moved":[{"from":"/a/","to":"/b/"}]}"#
        );
        assert_eq!(ReloadEvent::Css.to_json(), r#"{"type":"css"}"#);
    }
}
