//! Command-line arguments: one struct per subcommand.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use jiff::Timestamp;

use crate::build::BuildOptions;
use crate::error::{Diagnostic, Error, Result};
use crate::progress::Progress;
use crate::serve::ServeOptions;

#[derive(Debug, Parser)]
#[command(name = "byline", version, about = "A static news-site generator")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new site in DIR (default: the current directory).
    Init(InitArgs),
    /// Write a new article with today's date.
    New(NewArgs),
    /// Check the site (everything build checks, and links) without writing.
    Check(CheckArgs),
    /// Build the site into the output directory.
    Build(BuildArgs),
    /// Serve a live preview (built in memory; public/ is not touched).
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the site; it must be empty or not exist.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The headline.
    pub title: String,
    /// The section (a directory under content/) [default: the first of `sections`].
    #[arg(long)]
    pub section: Option<String>,
    /// The reporter's name.
    #[arg(long)]
    pub reporter: Option<String>,
    /// Tags, separated by commas.
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// The URL segment and file name [default: from the title].
    #[arg(long)]
    pub slug: Option<String>,
    /// The site's directory (holding site.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site's directory (holding site.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Also check links to other sites (http and https).
    #[arg(long)]
    pub external: bool,
    /// Check drafts too.
    #[arg(long)]
    pub drafts: bool,
    /// Check articles dated in the future too.
    #[arg(long)]
    pub future: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site's directory (holding site.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. Anything but loopback exposes the preview.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Rebuild on changes and reload the browser.
    #[arg(long)]
    pub watch: bool,
    /// Show drafts too.
    #[arg(long)]
    pub drafts: bool,
    /// Show articles dated in the future too.
    #[arg(long)]
    pub future: bool,
    /// Open the preview in a browser.
    #[arg(long)]
    pub open: bool,
}

impl ServeArgs {
    pub fn options(&self) -> Result<ServeOptions> {
        Ok(ServeOptions {
            root: self.root.clone(),
            port: self.port,
            bind: self.bind,
            watch: self.watch,
            drafts: self.drafts,
            future: self.future,
            open: self.open,
            now: source_date_epoch()?,
        })
    }
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site's directory (holding site.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: output_dir in site.toml, or public].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Override base_url from site.toml.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Publish drafts too.
    #[arg(long)]
    pub drafts: bool,
    /// Publish articles dated in the future too.
    #[arg(long)]
    pub future: bool,
    /// Print nothing but warnings and errors (no progress, no summary).
    #[arg(long, short, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print the time each phase took.
    #[arg(long, short)]
    pub verbose: bool,
    /// Render and write every file, ignoring what the last build wrote.
    #[arg(long)]
    pub clean: bool,
}

impl BuildArgs {
    pub fn options(&self) -> Result<BuildOptions> {
        Ok(BuildOptions {
            root: self.root.clone(),
            output: self.output.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            future: self.future,
            now: source_date_epoch()?,
            progress: if self.quiet {
                Progress::default()
            } else {
                Progress::on_terminal()
            },
            clean: self.clean,
        })
    }
}

impl CheckArgs {
    pub fn options(&self) -> Result<BuildOptions> {
        Ok(BuildOptions {
            root: self.root.clone(),
            drafts: self.drafts,
            future: self.future,
            now: source_date_epoch()?,
            ..BuildOptions::default()
        })
    }
}

/// "Now" from `SOURCE_DATE_EPOCH` (seconds since 1970), the convention of
/// reproducible builds: the same sources then give the same site whenever
/// they are built, embargoes and the news sitemap included.
pub fn source_date_epoch() -> Result<Option<Timestamp>> {
    const VAR: &str = "SOURCE_DATE_EPOCH";
    let Some(value) = std::env::var_os(VAR) else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    text.trim()
        .parse::<i64>()
        .ok()
        .and_then(|seconds| Timestamp::from_second(seconds).ok())
        .map(Some)
        .ok_or_else(|| {
            Error::Config(vec![
                Diagnostic::whole_file(
                    VAR,
                    format!("`{text}` is not a number of seconds since 1970"),
                )
                .with_hint(
                    "set it like SOURCE_DATE_EPOCH=$(date +%s), or unset it to use the clock",
                ),
            ])
        })
}
