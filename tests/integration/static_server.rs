//! A plain static file server for browser audits: what any static host
//! does with byline's output (directories serve `index.html`, missing
//! files get `404.html` with status 404), nothing more.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

pub struct StaticServer {
    pub port: u16,
}

impl StaticServer {
    /// Binds a free port; serving starts with [`StaticServer::serve`].
    pub fn bind() -> (StaticServer, TcpListener) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        (StaticServer { port }, listener)
    }

    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Serves `root` on `listener` from a background thread.
    pub fn serve(listener: TcpListener, root: PathBuf) {
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                std::thread::spawn(move || respond(stream, &root));
            }
        });
    }
}

fn respond(mut stream: TcpStream, root: &Path) {
    let mut request = String::new();
    let mut reader = BufReader::new(&stream);
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .to_string();
    let mut file = root.join(decoded.trim_start_matches('/'));
    if decoded.split('/').any(|s| s == "..") {
        file = root.join("404.html");
    } else if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, file) = if file.is_file() {
        ("200 OK", file)
    } else {
        ("404 Not Found", root.join("404.html"))
    };
    let body = std::fs::read(&file).unwrap_or_default();
    let mime = mime_guess::from_path(&file).first_or_octet_stream();
    let charset = if mime.type_() == "text" || mime.subtype() == "javascript" {
        "; charset=utf-8"
    } else {
        ""
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {mime}{charset}\r\nContent-Length: {}\r\nCache-Control: max-age=3600\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    if !request.starts_with("HEAD") {
        let _ = stream.write_all(&body);
    }
}
