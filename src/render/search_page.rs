//! The context of the `/search/` page: where the index and the script
//! are, and the names its filters offer.

use tera::Value;

use super::views::{map, string};
use crate::config::Config;
use crate::index::{SiteIndex, Term};
use crate::urls::SitePath;

/// The `search` variable of `search.html`.
pub fn value(config: &Config, index: &SiteIndex) -> Value {
    let names =
        |terms: &[Term]| Value::from(terms.iter().map(|t| string(&t.name)).collect::<Vec<_>>());
    let dir = SitePath::dir([crate::search::DIR]);
    map([
        ("index_url", Value::from(config.urls.link(&dir))),
        (
            "script_url",
            Value::from(
                config
                    .urls
                    .link(&SitePath::root().file(super::SEARCH_SCRIPT)),
            ),
        ),
        ("per_page", Value::from(config.search.per_page)),
        ("sections", names(&index.sections)),
        ("reporters", names(&index.reporters)),
        ("tags", names(&index.tags)),
    ])
}
