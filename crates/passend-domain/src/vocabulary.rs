//! The matching vocabulary: the tags a location offers and a client needs,
//! each of one kind (context, expertise, contra-indication).
//!
//! The tags are data, `data/tags.csv` (written for passend; see
//! `data/README.md` for its attribution), compiled in and parsed on first use:
//! "extend it as data, never as free text" (`domain.md` §7). Every tag a
//! location or a client profile carries is checked against this one list, so
//! that a matcher compares like with like. The generator reads the same list.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

const DATA: &str = include_str!("../data/tags.csv");

const HEADER: &str = "kind,tag,nl,en";

static VOCABULARY: LazyLock<Vocabulary> =
    LazyLock::new(|| Vocabulary::parse(DATA).unwrap_or_else(|error| panic!("data/tags.csv: {error}")));

/// The kind of a tag: what it says about a location or a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TagKind {
    /// The living situation a location offers and a client needs (*woonomgeving*),
    /// e.g. `kleinschalig_wonen`, `gesloten_afdeling`.
    Context,
    /// Care a location specialises in (*expertise*), e.g. `dementie`.
    Expertise,
    /// A trait of a client that a location cannot take in (*contra-indicatie*),
    /// e.g. `weglooprisico`.
    ContraIndication,
}

impl TagKind {
    /// The kind as written in `tags.csv`.
    pub fn token(self) -> &'static str {
        match self {
            TagKind::Context => "context",
            TagKind::Expertise => "expertise",
            TagKind::ContraIndication => "contra_indication",
        }
    }

    /// The kind in Dutch, for messages.
    pub fn label_nl(self) -> &'static str {
        match self {
            TagKind::Context => "woonomgeving",
            TagKind::Expertise => "expertise",
            TagKind::ContraIndication => "contra-indicatie",
        }
    }

    fn from_token(token: &str) -> Option<TagKind> {
        [TagKind::Context, TagKind::Expertise, TagKind::ContraIndication].into_iter().find(|kind| kind.token() == token)
    }
}

/// One tag of the vocabulary with its labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub kind: TagKind,
    /// The token stored in events, e.g. `rustige_omgeving`.
    pub tag: &'static str,
    pub nl: &'static str,
    pub en: &'static str,
}

/// Every tag of `data/tags.csv`, in file order.
#[derive(Debug)]
pub struct Vocabulary {
    tags: Vec<Tag>,
}

/// Why a list of tags does not fit the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TagProblem {
    #[error("unknown tag {tag:?}: use a tag of kind {} from tags.csv", kinds(expected, TagKind::token, " or "))]
    Unknown { tag: String, expected: Vec<TagKind> },
    #[error("tag {tag:?} is of kind {}, expected kind {}", found.token(), kinds(expected, TagKind::token, " or "))]
    WrongKind { tag: String, found: TagKind, expected: Vec<TagKind> },
    #[error("tag {0:?} appears twice")]
    Duplicate(String),
}

impl TagProblem {
    /// The message for the user interface, in Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            TagProblem::Unknown { tag, expected } => format!(
                "Het kenmerk \"{tag}\" bestaat niet; kies een kenmerk van het soort {} uit de lijst.",
                kinds(expected, TagKind::label_nl, " of ")
            ),
            TagProblem::WrongKind { tag, found, expected } => format!(
                "Het kenmerk \"{tag}\" is van het soort {}, hier hoort een kenmerk van het soort {}.",
                found.label_nl(),
                kinds(expected, TagKind::label_nl, " of ")
            ),
            TagProblem::Duplicate(tag) => format!("Het kenmerk \"{tag}\" staat twee keer in de lijst."),
        }
    }
}

fn kinds(kinds: &[TagKind], name: fn(TagKind) -> &'static str, separator: &str) -> String {
    kinds.iter().map(|kind| name(*kind)).collect::<Vec<_>>().join(separator)
}

impl Vocabulary {
    /// passend's vocabulary, `data/tags.csv`.
    pub fn passend() -> &'static Vocabulary {
        &VOCABULARY
    }

    /// The tag with this token, if the vocabulary has it.
    pub fn get(&self, tag: &str) -> Option<&Tag> {
        self.tags.iter().find(|known| known.tag == tag)
    }

    /// Every tag, in file order: a tag's index here is its position.
    pub fn tags(&self) -> &[Tag] {
        &self.tags
    }

    /// The position of a tag in file order, if the vocabulary has it.
    pub fn position(&self, tag: &str) -> Option<usize> {
        self.tags.iter().position(|known| known.tag == tag)
    }

    /// The tags of one kind, in file order.
    pub fn of_kind(&self, kind: TagKind) -> impl Iterator<Item = &Tag> {
        self.tags.iter().filter(move |tag| tag.kind == kind)
    }

    /// Checks that every tag exists, is of one of the `expected` kinds and
    /// appears once.
    pub fn check(&self, tags: &[String], expected: &[TagKind]) -> Result<(), TagProblem> {
        for (index, tag) in tags.iter().enumerate() {
            let Some(known) = self.get(tag) else {
                return Err(TagProblem::Unknown { tag: tag.clone(), expected: expected.to_vec() });
            };
            if !expected.contains(&known.kind) {
                return Err(TagProblem::WrongKind { tag: tag.clone(), found: known.kind, expected: expected.to_vec() });
            }
            if tags[..index].contains(tag) {
                return Err(TagProblem::Duplicate(tag.clone()));
            }
        }
        Ok(())
    }

    fn parse(text: &'static str) -> Result<Vocabulary, String> {
        let mut tags: Vec<Tag> = Vec::new();
        for (line_number, line) in crate::codes::csv_data_lines(text, HEADER)? {
            let at = |problem: String| format!("line {line_number}: {problem}");
            let fields = crate::codes::split_csv_line(line).map_err(at)?;
            let [kind, tag, nl, en] = fields[..] else {
                return Err(at(format!("{} fields, expected 4 ({HEADER})", fields.len())));
            };
            let kind = TagKind::from_token(kind).ok_or_else(|| at(format!("unknown kind {kind:?}")))?;
            if tag.is_empty() || !tag.bytes().all(|byte| byte.is_ascii_lowercase() || byte == b'_') {
                return Err(at(format!("tag {tag:?} is not a lower-case token")));
            }
            if tags.iter().any(|known| known.tag == tag) {
                return Err(at(format!("tag {tag:?} appears twice")));
            }
            tags.push(Tag { kind, tag, nl, en });
        }
        Ok(Vocabulary { tags })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_data_file_parses() {
        let vocabulary = Vocabulary::passend();
        assert_eq!(vocabulary.get("dementie").map(|tag| tag.kind), Some(TagKind::Expertise));
        assert_eq!(vocabulary.get("weglooprisico").map(|tag| tag.kind), Some(TagKind::ContraIndication));
        assert_eq!(vocabulary.get("partneropname").map(|tag| tag.nl), Some("Samenwonen met partner mogelijk"));
        for kind in [TagKind::Context, TagKind::Expertise, TagKind::ContraIndication] {
            assert!(vocabulary.of_kind(kind).count() >= 5, "{kind:?}");
        }
    }

    #[test]
    fn tags_are_checked_for_existence_kind_and_repetition() {
        let vocabulary = Vocabulary::passend();
        let tags = |list: &[&str]| list.iter().map(|tag| tag.to_string()).collect::<Vec<_>>();
        assert_eq!(vocabulary.check(&tags(&["dementie", "korsakov"]), &[TagKind::Expertise]), Ok(()));
        let unknown = vocabulary.check(&tags(&["agressie"]), &[TagKind::ContraIndication]).unwrap_err();
        assert_eq!(unknown.to_string(), "unknown tag \"agressie\": use a tag of kind contra_indication from tags.csv");
        assert!(unknown.message_nl().contains("contra-indicatie"));
        let wrong = vocabulary.check(&tags(&["dementie"]), &[TagKind::Context, TagKind::ContraIndication]).unwrap_err();
        assert_eq!(
            wrong.to_string(),
            "tag \"dementie\" is of kind expertise, expected kind context or contra_indication"
        );
        let twice = vocabulary.check(&tags(&["tuin_of_buitenruimte", "tuin_of_buitenruimte"]), &[TagKind::Context]);
        assert_eq!(twice, Err(TagProblem::Duplicate("tuin_of_buitenruimte".to_string())));
    }

    #[test]
    fn defective_data_is_reported() {
        assert!(Vocabulary::parse("kind,tag,nl,en\nsmell,x,y,z\n").unwrap_err().contains("unknown kind"));
        assert!(Vocabulary::parse("kind,tag,nl,en\ncontext,Big Tag,y,z\n").unwrap_err().contains("lower-case"));
        assert!(Vocabulary::parse("kind,tag,nl,en\ncontext,a,y,z\ncontext,a,y,z\n").unwrap_err().contains("twice"));
        assert!(Vocabulary::parse("kind,tag\ncontext,a\n").is_err());
    }
}
