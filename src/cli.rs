//! Command-line arguments: one struct per subcommand.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::build::BuildOptions;
use crate::serve::ServeOptions;

#[derive(Debug, Parser)]
#[command(name = "byline", version, about = "A static news-site generator")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output directory.
    Build(BuildArgs),
    /// Serve a live preview (built in memory; public/ is not touched).
    Serve(ServeArgs),
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
    pub fn options(&self) -> ServeOptions {
        ServeOptions {
            root: self.root.clone(),
            port: self.port,
            bind: self.bind,
            watch: self.watch,
            drafts: self.drafts,
            future: self.future,
            open: self.open,
        }
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
}

impl BuildArgs {
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output: self.output.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            future: self.future,
        }
    }
}
