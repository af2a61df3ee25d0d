//! Related-article ranking on synthetic archives of 10k to 100k articles:
//! 1-5 tags each (3 on average), Zipf-distributed over 2,000 tags, dates
//! spread over three years. `cargo bench --bench related`.

use std::time::Duration;

use byline::index::ArticleId;
use byline::index::related::{RelatedInput, compute_for};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const TAGS: usize = 2_000;

struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

struct Archive {
    dates: Vec<i64>,
    article_tags: Vec<Vec<u32>>,
    postings: Vec<Vec<ArticleId>>,
    limits: Vec<usize>,
}

fn archive(n: usize) -> Archive {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    // Zipf (s = 1) over TAGS ranks by inverse CDF.
    let weights: Vec<f64> = (1..=TAGS).map(|r| 1.0 / r as f64).collect();
    let total: f64 = weights.iter().sum();
    let mut cdf = Vec::with_capacity(TAGS);
    let mut acc = 0.0;
    for w in &weights {
        acc += w / total;
        cdf.push(acc);
    }
    let three_years = 3 * 365 * 86_400;
    let start = 1_700_000_000i64;
    let mut dates = Vec::with_capacity(n);
    let mut article_tags = Vec::with_capacity(n);
    for i in 0..n {
        // Ids are newest first.
        dates.push(start - (i as i64 * three_years / n as i64));
        let count = 1 + (rng.next() % 5) as usize;
        let mut tags: Vec<u32> = (0..count)
            .map(|_| {
                let u = rng.unit();
                cdf.partition_point(|&c| c < u).min(TAGS - 1) as u32
            })
            .collect();
        tags.sort_unstable();
        tags.dedup();
        article_tags.push(tags);
    }
    let mut postings = vec![Vec::new(); TAGS];
    for (id, tags) in article_tags.iter().enumerate() {
        for &t in tags {
            postings[t as usize].push(id as ArticleId);
        }
    }
    Archive {
        dates,
        article_tags,
        postings,
        limits: vec![5; n],
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("related");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for n in [10_000, 50_000, 100_000] {
        let a = archive(n);
        let postings: Vec<&[ArticleId]> = a.postings.iter().map(Vec::as_slice).collect();
        let input = RelatedInput {
            dates: &a.dates,
            article_tags: &a.article_tags,
            postings: &postings,
            limits: &a.limits,
        };
        group.bench_with_input(BenchmarkId::from_parameter(n), &input, |b, input| {
            b.iter(|| compute_for(input))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
