//! The preview server: the in-memory site over HTTP with axum.
//!
//! Directories serve their `index.html`, `/dir` redirects to `/dir/`,
//! responses carry a content type (with `charset=utf-8` for text) and
//! `Cache-Control: no-store`, missing pages get the site's 404 page with
//! status 404, HTML gets the live-reload script. Only GET and HEAD are
//! allowed; a path with `..`, an encoded slash or backslash, a control
//! character or an empty segment is refused with 400 before any lookup.

use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bytes::Bytes;
use percent_encoding::percent_decode_str;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::memory::{SharedFiles, SiteFiles};
use super::reload::{EVENTS_PATH, ReloadEvent, inject};

/// What the server shares with the rebuild loop.
pub struct Live {
    /// The last good site; `None` until a build succeeds.
    pub files: RwLock<Option<SharedFiles>>,
    /// The current build error, shown to browsers that connect.
    pub error: RwLock<Option<String>>,
    /// The base URL's path (`/news`, or empty), decoded.
    pub base_path: RwLock<String>,
    pub events: broadcast::Sender<ReloadEvent>,
}

impl Live {
    pub fn new(base_path: &str) -> Arc<Live> {
        Arc::new(Live {
            files: RwLock::new(None),
            error: RwLock::new(None),
            base_path: RwLock::new(decode(base_path).unwrap_or_default()),
            events: broadcast::channel(64).0,
        })
    }

    pub fn set_base_path(&self, encoded: &str) {
        *self.base_path.write().unwrap_or_else(|e| e.into_inner()) =
            decode(encoded).unwrap_or_default();
    }
}

pub fn router(live: Arc<Live>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(site)
        .with_state(live)
}

async fn events(State(live): State<Arc<Live>>) -> impl IntoResponse {
    let receiver = live.events.subscribe();
    let pending = live.error.read().unwrap_or_else(|e| e.into_inner()).clone();
    let first = tokio_stream::iter(pending.map(|message| ReloadEvent::Error { message }));
    let rest = BroadcastStream::new(receiver).filter_map(|e| e.ok());
    let stream = first
        .chain(rest)
        .map(|e| Ok::<_, Infallible>(Event::default().data(e.to_json())));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// How a request path maps onto the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file to look up (`/`-separated, below the output root).
    File(String),
    Redirect(String),
    BadRequest,
    NotFound,
}

/// Maps a raw request path onto the site, refusing anything that could
/// name a file outside it.
pub fn resolve(raw: &str, base_path: &str) -> Resolved {
    let lower = raw.to_ascii_lowercase();
    if raw.contains('\\') || ["%2f", "%5c", "%00"].iter().any(|bad| lower.contains(bad)) {
        return Resolved::BadRequest;
    }
    let Some(path) = decode(raw) else {
        return Resolved::BadRequest;
    };
    if !path.starts_with('/')
        || path.contains("//")
        || path.chars().any(char::is_control)
        || path.split('/').any(|s| s == ".." || s == ".")
    {
        return Resolved::BadRequest;
    }
    let rest = if base_path.is_empty() {
        path.as_str()
    } else if path == base_path || path == "/" {
        return Resolved::Redirect(format!("{}/", encode_path(base_path)));
    } else if let Some(rest) = path.strip_prefix(base_path).filter(|r| r.starts_with('/')) {
        rest
    } else {
        return Resolved::NotFound;
    };
    let mut rel = rest.trim_start_matches('/').to_string();
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str("index.html");
    }
    Resolved::File(rel)
}

fn decode(s: &str) -> Option<String> {
    percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

fn encode_path(path: &str) -> String {
    path.split('/')
        .map(crate::urls::encode_segment)
        .collect::<Vec<_>>()
        .join("/")
}

async fn site(State(live): State<Arc<Live>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let shared = live.files.read().unwrap_or_else(|e| e.into_inner()).clone();
    let Some(shared) = shared else {
        let error = live
            .error
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .unwrap_or_default();
        return no_site_yet(&error, method == Method::HEAD);
    };
    let base_path = live
        .base_path
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let head = method == Method::HEAD;
    let files = shared.read().unwrap_or_else(|e| e.into_inner());
    match resolve(uri.path(), &base_path) {
        Resolved::File(rel) => match files.get(&rel) {
            Some(bytes) => file_response(StatusCode::OK, &rel, bytes, head),
            None if files.contains_key(&format!("{rel}/index.html")) => {
                let mut location = uri.path().to_string();
                location.push('/');
                if let Some(q) = uri.query() {
                    location.push('?');
                    location.push_str(q);
                }
                redirect(&location)
            }
            None => not_found(&files, head),
        },
        Resolved::Redirect(location) => redirect(&location),
        Resolved::BadRequest => (StatusCode::BAD_REQUEST, "bad request path\n").into_response(),
        Resolved::NotFound => not_found(&files, head),
    }
}

fn redirect(location: &str) -> Response {
    let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

fn not_found(files: &SiteFiles, head: bool) -> Response {
    match files.get("404.html") {
        Some(bytes) => file_response(StatusCode::NOT_FOUND, "404.html", bytes, head),
        None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

fn no_site_yet(error: &str, head: bool) -> Response {
    let mut html = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>byline: build failed</title></head><body><h1>The site could not be built</h1><pre>",
    );
    pulldown_cmark_escape::escape_html(&mut html, error).ok();
    html.push_str("</pre></body></html>");
    file_response(
        StatusCode::SERVICE_UNAVAILABLE,
        "error.html",
        &Bytes::from(html),
        head,
    )
}

fn content_type(rel: &str) -> String {
    let mime = mime_guess::from_path(rel).first_or_octet_stream();
    let textual = mime.type_() == "text"
        || matches!(
            mime.subtype().as_str(),
            "xml" | "json" | "javascript" | "rss+xml" | "atom+xml"
        )
        || mime.suffix().is_some_and(|s| s == "xml" || s == "json");
    if textual {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

fn file_response(status: StatusCode, rel: &str, bytes: &Bytes, head: bool) -> Response {
    let body = if rel.ends_with(".html") {
        Bytes::from(inject(bytes))
    } else {
        bytes.clone()
    };
    let length = body.len();
    let mut r = Response::new(if head {
        Body::empty()
    } else {
        Body::from(body)
    });
    *r.status_mut() = status;
    let headers = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type(rel)) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_under_the_base_path() {
        assert_eq!(resolve("/", ""), Resolved::File("index.html".into()));
        assert_eq!(
            resolve("/it/a/", ""),
            Resolved::File("it/a/index.html".into())
        );
        assert_eq!(
            resolve("/%EA%B5%AD%EC%A0%9C/", ""),
            Resolved::File("국제/index.html".into())
        );
        assert_eq!(resolve("/rss.xml", ""), Resolved::File("rss.xml".into()));
        assert_eq!(
            resolve("/news/it/", "/news"),
            Resolved::File("it/index.html".into())
        );
        assert_eq!(
            resolve("/news", "/news"),
            Resolved::Redirect("/news/".into())
        );
        assert_eq!(resolve("/", "/news"), Resolved::Redirect("/news/".into()));
        assert_eq!(resolve("/it/", "/news"), Resolved::NotFound);
        assert_eq!(resolve("/newsroom/", "/news"), Resolved::NotFound);
    }

    #[test]
    fn traversal_attempts_are_bad_requests() {
        for raw in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2E%2E/%2e%2e/x",
            "/a%2fb",
            "/a%2Fb",
            "/a\\b",
            "/a%5cb",
            "//etc/passwd",
            "/a/./b",
            "/%00",
            "/%ff",
            // Found by the property test: a raw NUL, and other controls.
            "/\0",
            "/a\u{1}b/",
            "/%1b",
        ] {
            assert_eq!(resolve(raw, ""), Resolved::BadRequest, "{raw}");
        }
    }

    #[test]
    fn text_types_say_utf_8() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert!(
            content_type("rss.xml").ends_with("xml; charset=utf-8"),
            "{}",
            content_type("rss.xml")
        );
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("images/a.png"), "image/png");
    }
}
