use super::*;

/// A tiny deterministic generator, so tests need no `rand`.
struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

struct Fixture {
    dates: Vec<i64>,
    article_tags: Vec<Vec<u32>>,
    postings: Vec<Vec<ArticleId>>,
    limits: Vec<usize>,
}

impl Fixture {
    /// `n` articles, newest first, with 1-4 tags drawn from `tag_count`,
    /// skewed so that low tag numbers are common.
    fn random(n: usize, tag_count: u64, seed: u64) -> Self {
        let mut rng = XorShift(seed);
        let mut date = 2_000_000_000i64;
        let mut dates = Vec::new();
        let mut article_tags = Vec::new();
        for _ in 0..n {
            date -= rng.below(5000) as i64; // equal dates happen
            dates.push(date);
            let mut tags: Vec<u32> = (0..1 + rng.below(4))
                .map(|_| {
                    let r = rng.below(tag_count * tag_count);
                    (tag_count - 1 - (r as f64).sqrt() as u64) as u32
                })
                .collect();
            tags.sort_unstable();
            tags.dedup();
            article_tags.push(tags);
        }
        let mut postings = vec![Vec::new(); tag_count as usize];
        for (id, tags) in article_tags.iter().enumerate() {
            for &t in tags {
                postings[t as usize].push(id as ArticleId);
            }
        }
        let limits = (0..n).map(|i| [5, 5, 5, 0, 3, 10][i % 6]).collect();
        Fixture {
            dates,
            article_tags,
            postings,
            limits,
        }
    }

    fn run(&self) -> Vec<Related> {
        let postings: Vec<&[ArticleId]> = self.postings.iter().map(Vec::as_slice).collect();
        compute_for(&RelatedInput {
            dates: &self.dates,
            article_tags: &self.article_tags,
            postings: &postings,
            limits: &self.limits,
        })
    }

    /// Compares every pair: the definition, without any index.
    fn brute_force(&self) -> Vec<Related> {
        let n = self.dates.len();
        let weights: Vec<f64> = self
            .postings
            .iter()
            .map(|p| (1.0 + n as f64 / p.len().max(1) as f64).ln())
            .collect();
        (0..n)
            .map(|a| {
                let tags = &self.article_tags[a];
                let mut scored: Vec<(f64, i64, ArticleId)> = (0..n)
                    .filter(|&b| b != a)
                    .filter_map(|b| {
                        let s = shared_weight(tags, &self.article_tags[b], &weights);
                        let shares = tags.iter().any(|t| self.article_tags[b].contains(t));
                        shares.then_some((s, (self.dates[b] - self.dates[a]).abs(), b as ArticleId))
                    })
                    .collect();
                scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
                let total = scored.len() as u32;
                let rarest_tag = tags
                    .iter()
                    .copied()
                    .min_by_key(|&t| (self.postings[t as usize].len(), t));
                scored.truncate(self.limits[a]);
                Related {
                    ids: scored.into_iter().map(|x| x.2).collect(),
                    total,
                    rarest_tag,
                }
            })
            .collect()
    }
}

#[test]
fn equals_brute_force_when_no_tag_exceeds_the_window() {
    let f = Fixture::random(400, 120, 7);
    assert!(
        f.postings.iter().all(|p| p.len() <= WINDOW),
        "fixture must stay exact"
    );
    assert_eq!(f.run(), f.brute_force());
}

#[test]
fn totals_are_exact_with_common_tags() {
    let f = Fixture::random(4000, 30, 11);
    assert!(
        f.postings.iter().any(|p| p.len() > BITSET_THRESHOLD),
        "fixture needs bitset tags"
    );
    let fast = f.run();
    let slow = f.brute_force();
    for (a, (x, y)) in fast.iter().zip(&slow).enumerate() {
        assert_eq!(x.total, y.total, "total of article {a}");
        assert_eq!(x.rarest_tag, y.rarest_tag, "rarest tag of article {a}");
        assert_eq!(x.ids.len(), y.ids.len(), "count of article {a}");
    }
}

#[test]
fn scores_stay_exact_when_common_tags_are_windowed() {
    let f = Fixture::random(3000, 25, 5);
    assert!(
        f.postings.iter().any(|p| p.len() > WINDOW * 4),
        "fixture needs common tags"
    );
    let n = f.dates.len();
    let weights: Vec<f64> = f
        .postings
        .iter()
        .map(|p| (1.0 + n as f64 / p.len().max(1) as f64).ln())
        .collect();
    let key = |a: usize, b: ArticleId| {
        let s = shared_weight(&f.article_tags[a], &f.article_tags[b as usize], &weights);
        (s, (f.dates[b as usize] - f.dates[a]).abs(), b)
    };
    for (a, r) in f.run().iter().enumerate() {
        let keys: Vec<_> = r.ids.iter().map(|&b| key(a, b)).collect();
        for w in keys.windows(2) {
            let ordered = w[0].0 > w[1].0 + 1e-9
                || ((w[0].0 - w[1].0).abs() <= 1e-9 && (w[0].1, w[0].2) <= (w[1].1, w[1].2));
            assert!(ordered, "article {a}: {:?} before {:?}", w[0], w[1]);
        }
        assert!(
            keys.iter().all(|k| k.0 > 0.0),
            "article {a} lists an article sharing no tag"
        );
        assert!(!r.ids.contains(&(a as ArticleId)));
    }
}

#[test]
fn same_result_on_any_number_of_threads() {
    let f = Fixture::random(3000, 60, 3);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| f.run());
    let four = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap()
        .install(|| f.run());
    assert_eq!(one, four);
}

#[test]
fn rarer_shared_tag_wins_then_time_breaks_ties() {
    // Article 0 has tags 0 (rare) and 1 (common). 1 shares the rare tag,
    // 2 and 3 share only the common one: the closer in time (2) first.
    let f = Fixture {
        dates: vec![100, 90, 90, 70],
        article_tags: vec![vec![0, 1], vec![0], vec![1], vec![1]],
        postings: vec![vec![0, 1], vec![0, 2, 3], vec![]],
        limits: vec![5, 5, 5, 5],
    };
    let r = f.run();
    assert_eq!(r[0].ids, vec![1, 2, 3]);
    assert_eq!(r[0].total, 3);
    assert_eq!(r[0].rarest_tag, Some(0));
    assert_eq!(r[1].ids, vec![0]);
}
