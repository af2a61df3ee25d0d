//! A `byline serve` process for tests, an HTTP client and an SSE listener.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::Site;

/// A running `byline serve --watch --port 0`.
pub struct Server {
    child: Child,
    pub url: String,
    pub stderr: Arc<Mutex<String>>,
    pub stdout: Arc<Mutex<String>>,
}

impl Server {
    pub fn start(site: &Site, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_byline"))
            .args(["serve", "--watch", "--port", "0"])
            .args(extra)
            .current_dir(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start byline serve");
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let (url_tx, url_rx) = channel();
        let out = child.stdout.take().unwrap();
        let log = Arc::clone(&stdout);
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if let Some(i) = line.find("http://") {
                    let url = line[i..]
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_string();
                    let _ = url_tx.send(url);
                }
                log.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let err = child.stderr.take().unwrap();
        let log = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                log.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let url = url_rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("serve printed no URL; stderr: {}", stderr.lock().unwrap()));
        Server {
            child,
            url,
            stderr,
            stdout,
        }
    }

    /// `host:port` of the server.
    pub fn address(&self) -> String {
        self.url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap()
            .to_string()
    }

    pub fn get(&self, path: &str) -> Reply {
        request("GET", &format!("{}{}", self.origin(), path))
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.address())
    }

    pub fn events(&self) -> Events {
        Events::connect(&self.address())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub location: String,
    pub cache_control: String,
    pub body: String,
}

pub fn request(method: &str, url: &str) -> Reply {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    let mut response = match method {
        "GET" => agent.get(url).call(),
        "HEAD" => agent.head(url).call(),
        "POST" => agent.post(url).send_empty(),
        other => panic!("{other}"),
    }
    .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let (content_type, location) = (header("content-type"), header("location"));
    let cache_control = header("cache-control");
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().unwrap_or_default();
    Reply {
        status,
        content_type,
        location,
        cache_control,
        body,
    }
}

/// Sends a raw request line (for paths an HTTP library would normalize).
pub fn raw_status(address: &str, path: &str) -> u16 {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// Server-Sent Events from `/__byline/events`, as JSON values.
pub struct Events {
    receiver: Receiver<serde_json::Value>,
}

impl Events {
    fn connect(address: &str) -> Events {
        let mut stream = TcpStream::connect(address).unwrap();
        write!(
            stream,
            "GET /__byline/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let (tx, receiver) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(data) = line.strip_prefix("data:")
                    && let Ok(v) = serde_json::from_str(data.trim())
                    && tx.send(v).is_err()
                {
                    break;
                }
            }
        });
        // Let the subscription reach the server before the test edits files.
        std::thread::sleep(Duration::from_millis(300));
        Events { receiver }
    }

    /// The next event, waiting at most `seconds`.
    pub fn next(&self, seconds: u64) -> Option<serde_json::Value> {
        self.receiver
            .recv_timeout(Duration::from_secs(seconds))
            .ok()
    }

    /// Waits for an event of `kind`, skipping others.
    pub fn wait_for(&self, kind: &str, seconds: u64) -> serde_json::Value {
        let deadline = std::time::Instant::now() + Duration::from_secs(seconds);
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match self.receiver.recv_timeout(left) {
                Ok(e) if e["type"] == kind => return e,
                Ok(_) => continue,
                Err(_) => break,
            }
        }
        panic!("no `{kind}` event within {seconds} s");
    }
}
