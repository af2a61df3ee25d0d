//! byline: a static news-site generator.
//!
//! The pipeline runs one way, one module per stage:
//!
//! - [`config`]: `site.toml` -> validated [`config::Config`]
//! - [`content`]: `content/**/*.md` -> [`content::Article`]s (front matter,
//!   Markdown via [`markdown`], dates via [`dates`], URLs via [`urls`])
//! - [`index`]: articles -> the site's indices (chronology, sections, tags,
//!   reporters, related articles), as ids into the article list
//! - [`render`]: Tera templates over borrowed views -> pages
//! - [`search`]: articles -> the search index files the `/search/` page reads
//! - [`output`]: pages and static files -> a fresh directory swapped into place
//!
//! [`site`] loads a site the same way for every command (everything up to
//! rendering, and every check); [`build`] renders it to disk; [`serve`]
//! keeps the chain in memory, watches the sources and rebuilds only what a
//! change touches.

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod dates;
pub mod error;
pub mod images;
pub mod index;
pub mod markdown;
pub mod new_article;
pub mod output;
pub mod photos;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod static_files;
pub mod text;
pub mod timing;
pub mod urls;

pub use build::{BuildOptions, BuildSummary, build};
pub use error::{Diagnostic, Error};
