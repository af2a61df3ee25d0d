//! Tests of [`super`]: patched shards against shards made from scratch.

use super::*;
use crate::content::Article;
use crate::render::PlannedPage;
use crate::search::article_terms::{self, TermScratch};

/// The last build's output, by path.
struct Output(HashMap<String, Vec<u8>>);

impl Selection for Output {
    fn page(&self, _: usize, _: &PlannedPage, _: u64) -> bool {
        true
    }
    fn file(&self, rel: &str, fp: u64) -> bool {
        !self.holds(rel, fp)
    }
    fn previous(&self, rel: &str) -> Option<Vec<u8>> {
        self.0.get(rel).cloned()
    }
    fn holds(&self, rel: &str, content: u64) -> bool {
        self.0.get(rel).is_some_and(|b| xxh3_64(b) == content)
    }
}

/// Enough shards that one article's terms leave most untouched.
const SHARDS: usize = 2048;

fn names() -> Vec<String> {
    (0..SHARDS).map(|i| format!("t/{i}.json")).collect()
}

fn from_scratch(docs: &[Doc<'_>]) -> Vec<Vec<u8>> {
    index::shard_files(&index::postings_kept(docs), SHARDS)
}

/// The output and state of a build of `docs`, as the next build finds them.
fn built(docs: &[Doc<'_>]) -> (Output, State) {
    let files = from_scratch(docs);
    let hashes = files.iter().map(|f| xxh3_64(f)).collect();
    let keys = docs.iter().map(DocKey::of).collect();
    let output = Output(names().into_iter().zip(files).collect());
    (output, State::new(7, keys, hashes))
}

/// Patches the shards of `before` for `docs`; `None` if it would not.
fn patched_files(
    docs: &[Doc<'_>],
    built: &(Output, State),
    old: &[&Article],
) -> Option<Vec<Vec<u8>>> {
    let (output, state) = built;
    let state = State::new(state.key, state.docs.clone(), state.shards.clone());
    let old_terms = old
        .iter()
        .map(|a| (a.source.clone(), a.search_terms.clone()))
        .collect();
    let before = Before::new(state, old_terms);
    let keys: Vec<DocKey> = docs.iter().map(DocKey::of).collect();
    let files = names();
    let made = patch(&before, 7, docs, &keys, &files, output)?;
    let bytes = made.into_iter().zip(&files).map(|(m, rel)| match m {
        ShardFile::Kept(_) => output.0[rel].clone(),
        ShardFile::Made(b) => b,
    });
    Some(bytes.collect())
}

fn doc<'a>(article: &'a Article, tags: &'a [u32]) -> Doc<'a> {
    Doc {
        article,
        section: 0,
        reporters: &[0],
        tags,
    }
}

/// `article` with another title and body, and terms made again.
fn rewritten(article: &Article, title: &str) -> Article {
    let mut a = article.clone();
    a.title = title.to_string();
    a.content = crate::content::Body::Html(format!("<p>{title} 본문입니다</p>"));
    a.search_terms = article_terms::of(&a, &mut TermScratch::default());
    a
}

#[test]
fn patched_shards_are_the_shards_made_from_scratch() {
    let site = crate::search::example_site();
    let articles = &site.content.articles;
    assert!(articles.len() > 5);
    let tags = [0, 1];
    let docs: Vec<Doc> = articles.iter().map(|a| doc(a, &tags[..1])).collect();
    let last = built(&docs);
    let mut added = rewritten(&articles[1], "새로 올린 반도체 기사");
    added.source = "content/new.md".into();

    // One article's text edited.
    let changed = rewritten(&articles[2], "고친 제목의 금리 기사");
    let mut now: Vec<Doc> = articles.iter().map(|a| doc(a, &tags[..1])).collect();
    now[2] = doc(&changed, &tags[..1]);
    let patched = patched_files(&now, &last, &[&articles[2]]).expect("an edit patches");
    assert_eq!(patched, from_scratch(&now));
    assert!(patched != from_scratch(&docs));
    // Without the edited article's old terms, no patch.
    assert!(patched_files(&now, &last, &[]).is_none());

    // One article's tags changed.
    let mut now: Vec<Doc> = articles.iter().map(|a| doc(a, &tags[..1])).collect();
    now[3] = doc(&articles[3], &tags);
    let patched = patched_files(&now, &last, &[]).expect("a filter patches");
    assert_eq!(patched, from_scratch(&now));

    // One article added after the others, and the newest removed.
    let mut now: Vec<Doc> = articles.iter().map(|a| doc(a, &tags[..1])).collect();
    now.push(doc(&added, &tags[..1]));
    assert_eq!(patched_files(&now, &last, &[]), Some(from_scratch(&now)));
    let now = &docs[..docs.len() - 1];
    let gone = [&articles[articles.len() - 1]];
    assert_eq!(patched_files(now, &last, &gone), Some(from_scratch(now)));

    // One inserted among them shifts the numbers: made from scratch.
    let mut now: Vec<Doc> = articles.iter().map(|a| doc(a, &tags[..1])).collect();
    now.insert(1, doc(&added, &tags[..1]));
    assert!(patched_files(&now, &last, &[]).is_none());

    // A shard file that is not what the state says is never patched:
    // neither one to patch (of `:t1`) nor one to keep.
    let mut now: Vec<Doc> = articles.iter().map(|a| doc(a, &tags[..1])).collect();
    now[0] = doc(&articles[0], &tags);
    assert!(patched_files(&now, &last, &[]).is_some());
    let touched: HashSet<usize> = (articles[0].search_terms.iter().map(|(t, _)| t.to_string()))
        .chain(index::filter_terms(0, &[0], &tags))
        .map(|t| index::shard_of(&t, SHARDS))
        .collect();
    let kept = (0..SHARDS)
        .find(|i| !touched.contains(i) && last.0.0[&format!("t/{i}.json")] != b"{}")
        .unwrap();
    for shard in [index::shard_of(":t1", SHARDS), kept] {
        let mut damaged = built(&docs);
        damaged
            .0
            .0
            .insert(format!("t/{shard}.json"), b"{ }".to_vec());
        assert!(
            patched_files(&now, &damaged, &[]).is_none(),
            "shard {shard}"
        );
    }
}

#[test]
fn an_edited_shard_changes_only_the_terms_edited() {
    let terms: Vec<(String, Vec<u32>)> = vec![
        ("가".into(), vec![0, 3, 4]),
        ("나".into(), vec![2]),
        ("라".into(), vec![5, 8]),
    ];
    let members: Vec<(&str, &[u32])> = terms
        .iter()
        .map(|(t, l)| (t.as_str(), l.as_slice()))
        .collect();
    let json = index::shard_json(&members);
    let edits = vec![
        ("다".into(), Edit::Add(11)),
        ("가".into(), Edit::Add(7)),
        ("나".into(), Edit::Remove(1)),
        ("가".into(), Edit::Remove(1)),
    ];
    let out = edited(&json, edits).unwrap();
    // 가 loses number 1 and gains 3 (in the title); 나 is left empty and
    // goes; 다 is new with 5 (in the title); 라 is copied as it was.
    assert_eq!(
        String::from_utf8_lossy(&out),
        r#"{"가":[0,4,3],"다":[11],"라":[5,4]}"#
    );
    let all_gone = vec![("가".into(), Edit::Remove(0))];
    let one: Vec<(&str, &[u32])> = vec![("가", &[0])];
    assert_eq!(edited(&index::shard_json(&one), all_gone).unwrap(), b"{}");
}
