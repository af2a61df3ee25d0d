//! `byline serve`: build into memory, serve over HTTP, and with `--watch`
//! rebuild incrementally and reload the browser.
//!
//! - [`engine`]: incremental rebuilds (the same result as a full build)
//! - [`memory`]: the in-memory site, swapped whole after each rebuild
//! - [`http`]: the axum server
//! - [`reload`]: Server-Sent Events and the injected live-reload script
//! - [`watch`]: notify, debounced, classified into changes
//!
//! A failed rebuild keeps the last good site served and shows the error
//! in the browser and, once, in the terminal. `public/` is never touched.

mod articles;
pub mod engine;
pub mod http;
mod last_render;
pub mod memory;
pub mod reload;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Instant;

use crate::build::BuildOptions;
use crate::error::{Error, Result};
use engine::{Change, Engine, Outcome};
use http::Live;
use reload::{Moved, ReloadEvent};

/// What `byline serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub watch: bool,
    pub drafts: bool,
    pub future: bool,
    pub open: bool,
    /// A fixed "now" (`SOURCE_DATE_EPOCH`); `None` follows the clock.
    pub now: Option<jiff::Timestamp>,
}

/// Serves until interrupted.
pub fn serve(options: ServeOptions) -> Result<()> {
    let listener = std::net::TcpListener::bind(SocketAddr::new(options.bind, options.port))
        .map_err(|e| Error::io(format!("{}:{}", options.bind, options.port), e))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::io("listener", e))?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::io("listener", e))?
        .port();
    if !options.bind.is_loopback() {
        tracing::warn!(
            "serving on {}: other machines on the network can read the preview",
            options.bind
        );
        eprintln!(
            "warning: --bind {} makes the preview reachable from other machines",
            options.bind
        );
    }
    let host = match options.bind {
        IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(ip) if ip.is_unspecified() => "[::1]".to_string(),
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    let origin = format!("http://{host}:{port}");
    let base_path = base_path_of(&options.root);
    let initial_options = build_options(&options, &origin, &base_path);
    let live = Live::new(&base_path);

    let mut engine = match Engine::load(&initial_options) {
        Ok((engine, warnings)) => {
            print_warnings(&warnings);
            *live.files.write().unwrap_or_else(|e| e.into_inner()) = Some(engine.shared_files());
            Some(engine)
        }
        Err(e) => {
            eprintln!("error: {e}");
            *live.error.write().unwrap_or_else(|e| e.into_inner()) = Some(e.to_string());
            None
        }
    };
    let url = format!("{origin}{base_path}/");
    println!(
        "serving {} at {url} (Ctrl-C to stop)",
        options.root.display()
    );

    if options.watch {
        let (sender, receiver) = channel();
        let watcher = watch::Watcher::start(&options.root, sender)
            .map_err(|e| Error::io(&options.root, std::io::Error::other(e.to_string())))?;
        let live = Arc::clone(&live);
        let (root, origin) = (options.root.clone(), origin.clone());
        let serve_options = options.clone();
        std::thread::Builder::new()
            .name("byline-rebuild".into())
            .spawn(move || {
                let mut watcher = watcher;
                rebuild_loop(&receiver, &mut watcher, &live, &mut engine, || {
                    // site.toml changed: its base_url path may have too.
                    let base_path = base_path_of(&root);
                    live.set_base_path(&base_path);
                    build_options(&serve_options, &origin, &base_path)
                })
            })
            .map_err(|e| Error::io("rebuild thread", e))?;
    }
    if options.open && opener::open(&url).is_err() {
        eprintln!("could not open a browser; visit {url}");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("tokio runtime", e))?;
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|e| Error::io("listener", e))?;
        let app = http::router(live);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| Error::io("server", e))
    })?;
    Ok(())
}

fn print_warnings(warnings: &[crate::error::Diagnostic]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

/// The build options of the preview: the site's own, with base_url
/// pointing at the preview server (keeping the site's path prefix).
fn build_options(options: &ServeOptions, origin: &str, base_path: &str) -> BuildOptions {
    BuildOptions {
        root: options.root.clone(),
        output: None,
        base_url: Some(format!("{origin}{base_path}/")),
        drafts: options.drafts,
        future: options.future,
        now: options.now,
        progress: crate::progress::Progress::default(),
        clean: false,
    }
}

/// The path of the configured base_url (`/news`), or empty.
fn base_path_of(root: &Path) -> String {
    crate::config::load(root, &Default::default())
        .map(|c| c.urls.base_path().to_string())
        .unwrap_or_default()
}

/// Applies batches of changes as they come, until the watcher goes away.
fn rebuild_loop(
    changes: &Receiver<Vec<Change>>,
    watcher: &mut watch::Watcher,
    live: &Live,
    engine: &mut Option<Engine>,
    options_now: impl Fn() -> BuildOptions,
) {
    let mut last_error: Option<String> = None;
    while let Ok(mut batch) = changes.recv() {
        // Take everything already waiting: one rebuild for a burst of saves.
        while let Ok(more) = changes.try_recv() {
            batch.extend(more);
        }
        watcher.watch_new_dirs();
        tracing::debug!("changes: {batch:?}");
        let started = Instant::now();
        let result = rebuild(engine, &batch, &options_now);
        let elapsed = started.elapsed();
        match result {
            Ok(outcome) => {
                print_warnings(&outcome.warnings);
                if let Some(e) = engine.as_ref() {
                    *live.files.write().unwrap_or_else(|e| e.into_inner()) = Some(e.shared_files());
                }
                let recovered = live
                    .error
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .take()
                    .is_some();
                last_error = None;
                let f = &outcome.files;
                if f.is_empty() && !recovered {
                    continue;
                }
                let event = if f.css_only() && !recovered {
                    ReloadEvent::Css
                } else {
                    let moved = outcome.moved.iter().map(|(from, to)| Moved {
                        from: from.clone(),
                        to: to.clone(),
                    });
                    ReloadEvent::Reload {
                        moved: moved.collect(),
                    }
                };
                // Sent only now: the new files are in place for every request.
                let _ = live.events.send(event);
                println!(
                    "rebuilt in {:.1} ms: {} files written, {} removed",
                    elapsed.as_secs_f64() * 1000.0,
                    f.written.len(),
                    f.removed.len()
                );
            }
            Err(e) => {
                let message = e.to_string();
                if last_error.as_deref() != Some(message.as_str()) {
                    eprintln!("error: {message}");
                    let _ = live.events.send(ReloadEvent::Error {
                        message: message.clone(),
                    });
                }
                *live.error.write().unwrap_or_else(|e| e.into_inner()) = Some(message.clone());
                last_error = Some(message);
            }
        }
    }
}

fn rebuild(
    engine: &mut Option<Engine>,
    batch: &[Change],
    options_now: &impl Fn() -> BuildOptions,
) -> Result<Outcome> {
    let config_changed = batch.contains(&Change::Config);
    match engine {
        Some(current) if !config_changed => current.apply(batch),
        Some(current) => {
            let options = options_now();
            let (fresh, outcome) = current.reloaded_as(Engine::load(&options)?);
            *engine = Some(fresh);
            Ok(outcome)
        }
        None => {
            let (fresh, warnings) = Engine::load(&options_now())?;
            let mut outcome = Outcome {
                warnings,
                ..Outcome::default()
            };
            outcome.files.written = fresh.files().into_keys().collect();
            *engine = Some(fresh);
            Ok(outcome)
        }
    }
}
