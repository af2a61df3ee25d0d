//! The README's nginx configurations, tested: Debian's nginx serves the
//! example site built for the site root and for `/news/`, and a crawl of
//! every page finds every `href`, `src` and `srcset` answering 200, the 404
//! page answering 404, aliases redirecting and the documented caching
//! headers. Skipped without nginx; required under `CI=true`.

use std::collections::{BTreeSet, VecDeque};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::serve_support::{Reply, request};
use crate::tools;

const README: &str = include_str!("../../README.md");

#[test]
fn nginx_serves_the_site_under_a_sub_path() {
    deploy_and_crawl("/news/", "location /news/", "news");
}

#[test]
fn nginx_serves_the_site_at_the_root() {
    deploy_and_crawl("/", "error_page 404 /404.html;", "example.com");
}

/// Builds the example site for `prefix`, serves it with the README's
/// `nginx` block that contains `marker`, and crawls it.
fn deploy_and_crawl(prefix: &str, marker: &str, output_name: &str) {
    let Some(nginx) = tools::require(nginx_binary(), "nginx", "apt-get install nginx") else {
        return;
    };
    let block = readme_nginx_block(marker);
    let work = tempfile::tempdir().unwrap();
    let www = work.path().join("www");
    let port = free_port();
    let origin = format!("http://127.0.0.1:{port}");
    let built = Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(["build", "--quiet", "--root", env!("CARGO_MANIFEST_DIR")])
        .arg("--output")
        .arg(www.join(output_name))
        .args(["--base-url", &format!("{origin}{prefix}")])
        .output()
        .unwrap();
    assert!(built.status.success(), "{built:?}");
    let server = block
        .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
        .replace("/srv/www", www.to_str().unwrap());
    let _nginx = Nginx::start(&nginx, work.path(), &server, port);

    let output = www.join(output_name);
    let pages = crawl(&origin, prefix);
    assert!(pages > 60, "the crawl reached only {pages} pages");

    let missing = request("GET", &format!("{origin}{prefix}no-such-article/"));
    assert_eq!(missing.status, 404);
    let not_found = std::fs::read_to_string(output.join("404.html")).unwrap();
    assert!(
        missing.body == not_found,
        "the 404 status must carry 404.html, not:\n{}",
        missing.body.chars().take(300).collect::<String>()
    );
    for hidden in [".byline-output", "_redirects"] {
        let reply = request("GET", &format!("{origin}{prefix}{hidden}"));
        assert_eq!(reply.status, 404, "{hidden} is not served");
    }

    let redirects = std::fs::read_to_string(output.join("_redirects")).unwrap();
    assert!(!redirects.is_empty(), "the example site has an alias");
    for line in redirects.lines() {
        let [from, to, "301"] = line.split(' ').collect::<Vec<_>>()[..] else {
            panic!("not a _redirects line: {line}");
        };
        assert!(from.starts_with(prefix) && to.starts_with(prefix), "{line}");
        let alias = request("GET", &format!("{origin}{from}"));
        assert_eq!(alias.status, 200, "{from}");
        let refresh = format!("<meta http-equiv=\"refresh\" content=\"0; url={to}\">");
        assert!(alias.body.contains(&refresh), "{from} redirects to {to}");
        assert_eq!(request("GET", &format!("{origin}{to}")).status, 200);
    }

    let page = request("GET", &format!("{origin}{prefix}"));
    assert_eq!(page.cache_control, "no-cache", "pages revalidate");
    assert!(page.content_type.starts_with("text/html"));
    let css = request("GET", &format!("{origin}{prefix}style.css"));
    assert_eq!(css.cache_control, "public, max-age=3600");
    let logo = request("GET", &format!("{origin}{prefix}images/logo.png"));
    assert_eq!(logo.cache_control, "public, max-age=86400");
}

/// Follows every link and asset from the front page, the sitemap and the
/// 404 page; returns how many HTML pages it read. Every URL of the site
/// must answer 200, and no root-relative URL may leave `prefix`.
fn crawl(origin: &str, prefix: &str) -> usize {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::new();
    for start in ["", "sitemap.xml", "404.html", "rss.xml"] {
        queue.push_back(format!("{prefix}{start}"));
    }
    let mut pages = 0;
    while let Some(path) = queue.pop_front() {
        if !seen.insert(path.clone()) {
            continue;
        }
        let reply = request("GET", &format!("{origin}{path}"));
        assert_eq!(reply.status, 200, "GET {path} (linked from the site)");
        if !(reply.content_type.starts_with("text/html") || reply.content_type.contains("xml")) {
            continue;
        }
        pages += usize::from(reply.content_type.starts_with("text/html"));
        for url in references(&reply) {
            let url = url.strip_prefix(origin).unwrap_or(&url);
            let url = url.split('#').next().unwrap_or_default();
            if url.is_empty() || !url.starts_with('/') || url.starts_with("//") {
                continue;
            }
            assert!(
                url.starts_with(prefix),
                "{path} links to {url}, outside {prefix}"
            );
            queue.push_back(url.to_string());
        }
    }
    pages
}

/// `href`, `src` and each `srcset` candidate of an HTML page; `<loc>` and
/// `<link>` of a sitemap or feed.
fn references(reply: &Reply) -> Vec<String> {
    let unescape = |s: &str| s.replace("&amp;", "&").replace("&quot;", "\"");
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\"", "srcset=\"", "<loc>", "<link>"] {
        let end = if attribute.starts_with('<') { '<' } else { '"' };
        for piece in reply.body.split(attribute).skip(1) {
            let value = unescape(piece.split(end).next().unwrap_or_default());
            if attribute == "srcset=\"" {
                found.extend(
                    value
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next())
                        .map(str::to_string),
                );
            } else {
                found.push(value);
            }
        }
    }
    found
}

/// The fenced `nginx` block of the README that contains `marker`.
fn readme_nginx_block(marker: &str) -> String {
    README
        .split("```nginx\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap_or_default())
        .find(|block| block.contains(marker))
        .unwrap_or_else(|| panic!("README has no nginx block with `{marker}`"))
        .to_string()
}

fn nginx_binary() -> Option<PathBuf> {
    tools::on_path("nginx").or_else(|| {
        let sbin = Path::new("/usr/sbin/nginx");
        sbin.is_file().then(|| sbin.to_path_buf())
    })
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// nginx in the foreground, one process (no worker switching to another
/// user), every path it writes inside `dir`.
struct Nginx(Child);

impl Nginx {
    fn start(binary: &Path, dir: &Path, server: &str, port: u16) -> Nginx {
        let d = dir.display();
        let config = format!(
            "daemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
             events {{ worker_connections 64; }}\n\
             http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n\
             access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
             fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
             {server}\n}}\n"
        );
        let conf = dir.join("nginx.conf");
        std::fs::write(&conf, config).unwrap();
        let child = Command::new(binary)
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(&conf)
            .arg("-e")
            .arg(dir.join("error.log"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start nginx");
        let nginx = Nginx(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            let log = std::fs::read_to_string(dir.join("error.log")).unwrap_or_default();
            assert!(Instant::now() < deadline, "nginx did not start:\n{log}");
            std::thread::sleep(Duration::from_millis(20));
        }
        nginx
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
