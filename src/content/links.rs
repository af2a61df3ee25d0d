//! The links and images of an article, placed in its file, and the links
//! written as another article's source path (`../경제/foo.md`,
//! `@/경제/foo.md`), resolved to that article.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use super::{Article, CONTENT_DIR};
use crate::error::{Diagnostic, line_col};
use crate::markdown::BodyLink;

/// A link or image of an article body, with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ArticleLink {
    pub dest: String,
    pub line: usize,
    pub column: usize,
    pub image: bool,
    /// For a link to a source file: the file below `content/` it names
    /// (`None` if the path leaves `content/`), and the fragment.
    pub source: Option<SourceTarget>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct SourceTarget {
    pub path: Option<PathBuf>,
    pub fragment: Option<String>,
}

/// Places body links in the file: the body starts at line `body_line`;
/// `content_relative` is the article's path below `content/`.
pub fn place(
    links: Vec<BodyLink>,
    body: &str,
    body_line: usize,
    content_relative: &Path,
) -> Vec<ArticleLink> {
    links
        .into_iter()
        .map(|l| {
            let (line_in_body, column) = line_col(body, l.offset);
            let line = body_line + line_in_body - 1;
            let source = l.source.map(|_| source_target(&l.dest, content_relative));
            ArticleLink {
                dest: l.dest,
                line,
                column,
                image: l.image,
                source,
            }
        })
        .collect()
}

fn source_target(dest: &str, content_relative: &Path) -> SourceTarget {
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (dest, None),
    };
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let joined = match decoded.strip_prefix("@/") {
        Some(from_content) => PathBuf::from(from_content),
        None => content_relative
            .parent()
            .unwrap_or(Path::new(""))
            .join(decoded.as_ref()),
    };
    let mut normal = PathBuf::new();
    let mut inside = true;
    for c in joined.components() {
        match c {
            Component::Normal(part) => normal.push(part),
            Component::ParentDir => inside &= normal.pop(),
            Component::CurDir => {}
            _ => inside = false,
        }
    }
    SourceTarget {
        path: inside.then(|| {
            crate::urls::nfc(&normal.to_string_lossy())
                .into_owned()
                .into()
        }),
        fragment,
    }
}

/// The article at each source path (below `content/`), by position.
pub fn by_source(articles: &[Article]) -> HashMap<PathBuf, usize> {
    articles
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let rel = a.source.strip_prefix(CONTENT_DIR).ok()?;
            Some((
                crate::urls::nfc(&rel.to_string_lossy()).into_owned().into(),
                i,
            ))
        })
        .collect()
}

/// Source links of `articles` that name no published article.
pub fn unresolved(articles: &[Article]) -> Vec<Diagnostic> {
    if articles
        .iter()
        .all(|a| a.links.iter().all(|l| l.source.is_none()))
    {
        return Vec::new();
    }
    let known = by_source(articles);
    let mut problems = Vec::new();
    for a in articles {
        for link in &a.links {
            let Some(target) = &link.source else { continue };
            let found = target.path.as_ref().is_some_and(|p| known.contains_key(p));
            if !found {
                problems.push(
                    Diagnostic::new(
                        &a.source,
                        link.line,
                        link.column,
                        format!("`{}` is not a published article", link.dest),
                    )
                    .with_hint("write the path of another article's file, from this file (../경제/foo.md) or from content/ (@/경제/foo.md)"),
                );
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_paths_resolve_from_the_file_or_from_content() {
        let here = Path::new("IT/a.md");
        let target = |d: &str| source_target(d, here).path;
        assert_eq!(target("../경제/b.md"), Some(PathBuf::from("경제/b.md")));
        assert_eq!(target("c.md"), Some(PathBuf::from("IT/c.md")));
        assert_eq!(target("@/경제/b.md"), Some(PathBuf::from("경제/b.md")));
        assert_eq!(
            target("%EA%B2%BD%EC%A0%9C/b.md"),
            Some(PathBuf::from("IT/경제/b.md"))
        );
        assert_eq!(target("../../outside.md"), None);
        assert_eq!(
            source_target("../경제/b.md#배경", here).fragment.as_deref(),
            Some("배경")
        );
    }
}
