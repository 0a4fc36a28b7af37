//! Sets of vocabulary tags as bit sets, so that a constraint check over the
//! national supply is a few machine instructions per pair instead of string
//! comparisons. Bit `i` is the `i`-th tag of the vocabulary
//! ([`Vocabulary::passend`]), which has fewer than 64 tags (checked when a
//! set is first built).

use passend_domain::vocabulary::{Tag, Vocabulary};

/// A set of tags of the vocabulary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TagSet(u64);

/// A tag by its position in the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TagRef(u8);

/// A tag the vocabulary does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown tag {0:?}: not in the matching vocabulary (tags.csv)")]
pub struct UnknownTag(pub String);

impl TagRef {
    /// The tag with this token.
    pub fn of(token: &str) -> Result<TagRef, UnknownTag> {
        let vocabulary = Vocabulary::passend();
        let position = vocabulary.position(token).ok_or_else(|| UnknownTag(token.to_string()))?;
        // The vocabulary is data; a 65th tag must widen the set, not wrap.
        assert!(position < 64, "the matching vocabulary outgrew TagSet's 64 bits");
        Ok(TagRef(position as u8))
    }

    /// The tag's token and labels.
    pub fn tag(self) -> &'static Tag {
        &Vocabulary::passend().tags()[usize::from(self.0)]
    }
}

impl TagSet {
    pub const EMPTY: TagSet = TagSet(0);

    /// The set of these tokens; every one must be in the vocabulary.
    pub fn of<S: AsRef<str>>(tokens: &[S]) -> Result<TagSet, UnknownTag> {
        tokens.iter().try_fold(TagSet::EMPTY, |set, token| Ok(set.with(TagRef::of(token.as_ref())?)))
    }

    pub fn with(self, tag: TagRef) -> TagSet {
        TagSet(self.0 | 1 << tag.0)
    }

    pub fn contains(self, tag: TagRef) -> bool {
        self.0 & (1 << tag.0) != 0
    }

    pub fn intersection(self, other: TagSet) -> TagSet {
        TagSet(self.0 & other.0)
    }

    /// The tags of `self` that `other` lacks.
    pub fn difference(self, other: TagSet) -> TagSet {
        TagSet(self.0 & !other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// The tag that comes first in the vocabulary, if any: the one an
    /// explanation names.
    pub fn first(self) -> Option<TagRef> {
        (self.0 != 0).then(|| TagRef(self.0.trailing_zeros() as u8))
    }

    pub fn iter(self) -> impl Iterator<Item = TagRef> {
        (0..64u8).filter(move |bit| self.0 & (1 << bit) != 0).map(TagRef)
    }
}
