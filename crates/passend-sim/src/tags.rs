//! The matching vocabulary of `data/tags.csv` (written for passend): the
//! expertise and contra-indication tags a location may carry. The generator
//! gives locations tags from this file only, so the data stays in the shared
//! vocabulary ("extend it as data, never as free text", `domain.md` §7).

use std::sync::LazyLock;

use serde::Deserialize;

/// The tags of one kind, in file order.
pub(crate) struct Vocabulary {
    pub expertise: Vec<String>,
    pub contra_indications: Vec<String>,
}

impl Vocabulary {
    /// Whether `tag` is an expertise tag of the file.
    pub(crate) fn is_expertise(&self, tag: &str) -> bool {
        self.expertise.iter().any(|known| known == tag)
    }

    /// Whether `tag` is a contra-indication tag of the file.
    pub(crate) fn is_contra_indication(&self, tag: &str) -> bool {
        self.contra_indications.iter().any(|known| known == tag)
    }
}

pub(crate) fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: LazyLock<Vocabulary> =
        LazyLock::new(|| parse(include_str!("../data/tags.csv")).expect("data/tags.csv is valid"));
    &VOCABULARY
}

#[derive(Deserialize)]
struct Row {
    kind: String,
    tag: String,
}

fn parse(text: &str) -> Result<Vocabulary, String> {
    let mut vocabulary = Vocabulary { expertise: Vec::new(), contra_indications: Vec::new() };
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for (index, row) in reader.deserialize::<Row>().enumerate() {
        let row = row.map_err(|error| format!("line {}: {error}", index + 2))?;
        match row.kind.as_str() {
            "expertise" => vocabulary.expertise.push(row.tag),
            "contra_indication" => vocabulary.contra_indications.push(row.tag),
            "context" => {}
            other => return Err(format!("line {}: unknown kind {other:?}", index + 2)),
        }
    }
    Ok(vocabulary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_parses() {
        let vocabulary = vocabulary();
        assert!(vocabulary.is_expertise("dementie"));
        assert!(vocabulary.is_contra_indication("weglooprisico"));
        assert!(!vocabulary.is_expertise("weglooprisico"));
    }
}
