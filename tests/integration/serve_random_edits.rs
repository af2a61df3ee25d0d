//! Incremental rebuilds give exactly what a full build gives, under random
//! edits.
//!
//! A fixture site is edited by a random (but seeded) sequence of the edits
//! editors make (and some they make by accident: hidden directories,
//! symbolic links, NFD names from macOS, `site.toml` changes, embargoes that
//! lift as time passes); after each, the serve engine's in-memory site is
//! compared byte for byte with a fresh `byline build` of the same sources,
//! and so is a `byline build` into the output of the previous step (an
//! incremental build), which a second build then leaves untouched.

use byline::serve::engine::{Change, Engine};
use unicode_normalization::UnicodeNormalization;

use crate::serve_engine::{assert_build_catches_up, assert_same};
use crate::support::{Rng, Site, fm};

const SECTIONS: [&str; 3] = ["IT", "경제", "국제"];
const TAGS: [&str; 6] = ["AI", "ai", "금리", "반도체", "샘 올트먼", "MS"];
const REPORTERS: [&str; 3] = ["김기자", "박기자", "Reed"];

fn article_text(rng: &mut Rng, title: &str) -> (String, String) {
    let day = 1 + rng.next() % 28;
    let tags: Vec<&str> = (0..1 + rng.next() % 3).map(|_| *rng.pick(&TAGS)).collect();
    let reporter = rng.pick(&REPORTERS);
    let count = rng.next() % 4;
    let front = fm(
        title,
        &format!("2023-03-{day:02} 1{}:00", rng.next() % 10),
        &format!(
            "tags: [{}]\nreporter: {reporter}\nrelated-count: {count}",
            tags.join(", ")
        ),
    );
    let body = format!(
        "{title}의 본문 {}.\n\n## 소제목\n\n둘째 문단 {}.\n",
        rng.next() % 1000,
        rng.next() % 1000
    );
    (front, body)
}

/// The clock of the random sequences: after every article they write,
/// before the embargoed ones.
fn clock_start() -> jiff::Timestamp {
    "2023-06-01T00:00:00+09:00".parse().unwrap()
}

fn run_sequence(seed: u64, steps: usize) {
    let mut rng = Rng(seed);
    let site = Site::new();
    let mut live: Vec<(String, String)> = Vec::new();
    for i in 0..6 {
        let rel = format!("{}/a{i}.md", SECTIONS[i % 3]);
        let (front, body) = article_text(&mut rng, &format!("기사 {i}"));
        site.article(&rel, &front, &body);
        live.push((rel, format!("기사 {i}")));
    }
    site.write("static/images/a.png", "PNG1");
    let base_url = "http://127.0.0.1:9/";
    let mut options = site.options();
    options.base_url = Some(base_url.into());
    let mut now = clock_start();
    options.now = Some(now);
    let (mut engine, _) = Engine::load(&options).expect("initial build");
    assert_same(&engine, "the initial build");
    let output_dir = tempfile::tempdir().unwrap();
    let output = output_dir.path().join("public");
    assert_build_catches_up(&engine, &output, "the initial build");
    let mut incremental_builds = 0;
    let mut next_id = 100;
    let nfd_section: String = "경제".nfd().collect();

    for step in 0..steps {
        let mut reload = false;
        let roll = rng.next() % 18;
        let (description, changes): (String, Vec<Change>) = match roll {
            0 | 1 => {
                let (rel, title) = rng.pick(&live).clone();
                let (front, body) = article_text(&mut rng, &title);
                site.article(&rel, &front, &body);
                (format!("editing {rel}"), vec![Change::Content(rel.into())])
            }
            2 => {
                let (rel, _) = rng.pick(&live).clone();
                let text = std::fs::read_to_string(site.root().join("content").join(&rel)).unwrap();
                let retitled = text.replacen("title: \"", "title: \"새 ", 1);
                site.write(&format!("content/{rel}"), &retitled);
                (
                    format!("retitling {rel}"),
                    vec![Change::Content(rel.into())],
                )
            }
            3 => {
                let rel = format!("{}/new{next_id}.md", rng.pick(&SECTIONS));
                let (front, body) = article_text(&mut rng, &format!("새 기사 {next_id}"));
                next_id += 1;
                site.article(&rel, &front, &body);
                live.push((rel.clone(), format!("새 기사 {next_id}")));
                (format!("adding {rel}"), vec![Change::Content(rel.into())])
            }
            4 if live.len() > 2 => {
                let i = (rng.next() % live.len() as u64) as usize;
                let (rel, _) = live.remove(i);
                site.remove(&format!("content/{rel}"));
                (format!("deleting {rel}"), vec![Change::Content(rel.into())])
            }
            5 | 9 => {
                // 9: into or out of a hidden directory, which is not content.
                let i = (rng.next() % live.len() as u64) as usize;
                let (old, title) = live[i].clone();
                let hidden = if old.contains("/.archive/") {
                    ""
                } else {
                    ".archive/"
                };
                let dir = if roll == 9 { hidden } else { "" };
                let new = format!("{}/{dir}moved{next_id}.md", rng.pick(&SECTIONS));
                next_id += 1;
                let target = site.root().join("content").join(&new);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::rename(site.root().join("content").join(&old), target).unwrap();
                live[i] = (new.clone(), title);
                (
                    format!("renaming {old} to {new}"),
                    vec![Change::Content(old.into()), Change::Content(new.into())],
                )
            }
            6 => {
                let (rel, _) = rng.pick(&live).clone();
                let text = std::fs::read_to_string(site.root().join("content").join(&rel)).unwrap();
                let toggled = if text.contains("draft: true\n") {
                    text.replace("draft: true\n", "")
                } else {
                    text.replacen("---\n", "---\ndraft: true\n", 1)
                };
                site.write(&format!("content/{rel}"), &toggled);
                (
                    format!("toggling draft on {rel}"),
                    vec![Change::Content(rel.into())],
                )
            }
            8 => {
                let (rel, _) = rng.pick(&live).clone();
                let text = std::fs::read_to_string(site.root().join("content").join(&rel)).unwrap();
                site.write(
                    &format!("content/{rel}"),
                    &format!("{text}\n덧붙인 문단 {}.\n", rng.next() % 100),
                );
                (
                    format!("appending to the body of {rel}"),
                    vec![Change::Content(rel.into())],
                )
            }
            7 => {
                let n = rng.next() % 3;
                site.write("templates/partials/footer.html", &format!("<footer class=\"site-footer\">{{{{ site.publisher.name }}}} v{n}</footer>\n"));
                ("editing a template".into(), vec![Change::Templates])
            }
            10 => {
                let per_page = 2 + rng.next() % 3;
                site.write(
                    "site.toml",
                    &crate::support::SITE_TOML.replace(
                        "articles_per_page = 3",
                        &format!("articles_per_page = {per_page}"),
                    ),
                );
                reload = true;
                (
                    format!("setting articles_per_page = {per_page}"),
                    vec![Change::Config],
                )
            }
            11 => {
                // A directory shared by a symbolic link inside the site.
                let dir = format!("shared/s{next_id}");
                let link = format!("링크{next_id}");
                let (front, body) = article_text(&mut rng, &format!("공유 기사 {next_id}"));
                next_id += 1;
                site.write(
                    &format!("{dir}/x.md"),
                    &format!("---\n{front}\n---\n{body}"),
                );
                #[cfg(unix)]
                std::os::unix::fs::symlink(
                    site.root().join(&dir),
                    site.root().join("content").join(&link),
                )
                .unwrap();
                #[cfg(not(unix))]
                site.write(
                    &format!("content/{link}/x.md"),
                    &format!("---\n{front}\n---\n{body}"),
                );
                live.push((format!("{link}/x.md"), format!("공유 기사 {next_id}")));
                (
                    format!("linking {link}"),
                    vec![Change::Content(link.into())],
                )
            }
            12 => {
                // macOS writes names in NFD: the same section as `경제`.
                let rel = format!("{nfd_section}/nfd{next_id}.md");
                let (front, body) = article_text(&mut rng, &format!("NFD 기사 {next_id}"));
                next_id += 1;
                site.article(&rel, &front, &body);
                live.push((rel.clone(), format!("NFD 기사 {next_id}")));
                (
                    format!("adding {rel} (NFD)"),
                    vec![Change::Content(rel.into())],
                )
            }
            13 => {
                let hours = 1 + rng.next() % 48;
                let date = now
                    .checked_add(jiff::SignedDuration::from_hours(hours as i64))
                    .unwrap();
                let date = date.to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Seoul").unwrap());
                let rel = format!("{}/embargo{next_id}.md", rng.pick(&SECTIONS));
                next_id += 1;
                let front = fm(
                    &format!("엠바고 {next_id}"),
                    &date.strftime("%Y-%m-%d %H:%M").to_string(),
                    "tags: [AI]",
                );
                site.article(&rel, &front, "엠바고 본문.\n");
                live.push((rel.clone(), format!("엠바고 {next_id}")));
                (
                    format!("adding {rel}, embargoed {hours} h"),
                    vec![Change::Content(rel.into())],
                )
            }
            14 => {
                let hours = 1 + rng.next() % 24;
                now = now
                    .checked_add(jiff::SignedDuration::from_hours(hours as i64))
                    .unwrap();
                engine.set_now(now);
                (format!("letting {hours} h pass"), Vec::new())
            }
            15 => {
                // The front page's lead follows `featured`.
                let (rel, _) = rng.pick(&live).clone();
                let path = site.root().join("content").join(&rel);
                let text = std::fs::read_to_string(&path).unwrap();
                let toggled = if text.contains("featured: true\n") {
                    text.replace("featured: true\n", "")
                } else {
                    text.replacen("---\n", "---\nfeatured: true\n", 1)
                };
                std::fs::write(&path, toggled).unwrap();
                (
                    format!("toggling featured on {rel}"),
                    vec![Change::Content(rel.into())],
                )
            }
            16 => {
                // Standalone pages: every footer links those with `footer: true`.
                let n = rng.next() % 3;
                let footer = rng.next().is_multiple_of(2);
                let rel = format!("pages/p{n}.md");
                site.article(
                    &rel,
                    &format!("title: \"안내 {n} {}\"\nfooter: {footer}", rng.next() % 100),
                    "안내문.\n",
                );
                (format!("writing {rel}"), vec![Change::Content(rel.into())])
            }
            _ => {
                site.write("static/images/a.png", &format!("PNG{}", rng.next() % 5));
                ("changing a static file".into(), vec![Change::Static])
            }
        };
        if reload {
            let mut fresh_options = engine.options().clone();
            fresh_options.now = Some(now);
            let loaded = Engine::load(&fresh_options)
                .unwrap_or_else(|e| panic!("step {step} ({description}) failed: {e}"));
            engine = engine.reloaded_as(loaded).0;
        } else {
            engine
                .apply(&changes)
                .unwrap_or_else(|e| panic!("step {step} ({description}) failed: {e}"));
        }
        assert_same(&engine, &format!("step {step}: {description}"));
        let step = format!("step {step}: {description}");
        incremental_builds += usize::from(assert_build_catches_up(&engine, &output, &step));
    }
    assert!(
        incremental_builds > steps / 2,
        "only {incremental_builds} of {steps} builds wrote less than everything"
    );
}

#[test]
fn random_edits_give_the_same_site_as_a_full_build() {
    for seed in [1, 2, 3, 4] {
        run_sequence(seed, 30);
    }
}
