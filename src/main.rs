//! The `byline` binary: parse arguments, run, report, exit.
//!
//! Exit codes: 0 success, 1 configuration/content/template/output errors
//! (and problems `check` found), 2 usage errors (from clap).

use std::process::ExitCode;

use clap::Parser;

use byline::cli::{Cli, Command};
use byline::error::{Diagnostic, Result};

// Rendering a news site allocates many small strings on every thread;
// jemalloc's per-thread caches cut the allocator's share of a 10,000-article
// build from about 16% of CPU time to a few percent, at a small memory cost
// (measured against glibc and mimalloc; see the issue notes).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbose = matches!(&cli.command, Command::Build(args) if args.verbose);
    let default_filter = if verbose {
        "warn,byline::timing=debug"
    } else {
        "warn"
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("BYLINE_LOG")
                .unwrap_or_else(|_| default_filter.into()),
        )
        .with_writer(std::io::stderr)
        .without_time()
        .init();
    match run(&cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn warn_all(warnings: &[Diagnostic]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

fn run(command: &Command) -> Result<()> {
    match command {
        Command::Init(args) => {
            let now = byline::cli::source_date_epoch()?.unwrap_or_else(jiff::Timestamp::now);
            let files = byline::scaffold::init(&args.dir, now)?;
            for file in files {
                println!("created {}", args.dir.join(file).display());
            }
            println!(
                "next: fill in the <...> items of [publisher] in site.toml, then run `byline build`"
            );
            Ok(())
        }
        Command::New(args) => {
            let new = byline::new_article::NewArticle {
                root: args.root.clone(),
                title: args.title.clone(),
                section: args.section.clone(),
                reporter: args.reporter.clone(),
                tags: args.tags.clone(),
                slug: args.slug.clone(),
                now: byline::cli::source_date_epoch()?,
            };
            let rel = byline::new_article::create(&new)?;
            println!("{}", rel.display());
            Ok(())
        }
        Command::Check(args) => {
            let report = byline::check::check(&args.options()?, args.external)?;
            warn_all(&report.warnings);
            println!("{report}");
            if report.problems.is_empty() {
                Ok(())
            } else {
                Err(byline::Error::Content(report.problems))
            }
        }
        Command::Build(args) => {
            let summary = byline::build(&args.options()?)?;
            warn_all(&summary.warnings);
            if !args.quiet {
                println!("{summary}");
            }
            Ok(())
        }
        Command::Serve(args) => byline::serve::serve(args.options()?),
    }
}
