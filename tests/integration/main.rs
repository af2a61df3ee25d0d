//! Integration tests: real sites built in temporary directories, inspected
//! file by file. One binary, a module per area.

mod support;

mod articles;
mod audit_pages;
mod audits;
mod browser;
mod cli;
mod corrections;
mod crash_safety;
mod deploy_nginx;
mod errors;
mod example_site;
mod hostile_paths;
mod incremental_build;
mod indices;
mod mutation;
mod output_safety;
mod photos;
mod properties;
mod search;
mod search_browser;
mod serve_engine;
mod serve_http;
mod serve_random_edits;
mod serve_support;
mod static_server;
mod syndication;
mod template_variables;
mod templates;
mod theme;
mod tools;
mod unusual_input;
mod up_to_date;
mod validation;
mod workflow;
