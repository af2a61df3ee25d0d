//! Links to other sites, requested at most [`CONCURRENT`] at a time, each
//! given [`TIMEOUT`]: `HEAD` first, `GET` when a server refuses `HEAD`.

use std::sync::Mutex;
use std::time::Duration;

/// Requests in flight at once (a newsroom's archive links the same few
/// sites thousands of times; do not hammer them).
pub const CONCURRENT: usize = 8;
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The URLs that failed, each with the reason.
pub fn check_all<'a>(urls: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
    let queue: Mutex<Vec<&str>> = Mutex::new(urls.collect());
    let failures = Mutex::new(Vec::new());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(TIMEOUT))
        .user_agent("byline-check")
        .build()
        .into();
    std::thread::scope(|scope| {
        for _ in 0..CONCURRENT {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop();
                    let Some(url) = next else { break };
                    if let Err(why) = check_one(&agent, url) {
                        failures
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push((url.to_string(), why));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    failures.sort();
    failures
}

fn check_one(agent: &ureq::Agent, url: &str) -> Result<(), String> {
    let url = if url.starts_with("//") {
        format!("https:{url}")
    } else {
        url.to_string()
    };
    let unreachable = |e: ureq::Error| format!("could not be reached ({e})");
    let mut status = agent
        .head(&url)
        .call()
        .map_err(unreachable)?
        .status()
        .as_u16();
    if matches!(status, 403 | 405 | 501) {
        status = agent
            .get(&url)
            .call()
            .map_err(unreachable)?
            .status()
            .as_u16();
    }
    if status >= 400 {
        Err(format!("the server answered HTTP {status}"))
    } else {
        Ok(())
    }
}
