//! The client list: which clients a person may see, filtered, sorted and
//! paginated. The web's policy module turns an actor into a [`ClientScope`];
//! every list, search and waiting list goes through one [`ClientQuery`], so no
//! caller can forget the scope.

use passend_domain::case::{CaseSummary, ListTarget};
use passend_domain::codes::{Classification, Region, Sector, WaitStatus};
use passend_domain::ids::{AgbCode, Bsn, ClientId, LocationId, OcoId};

/// The clients a query may return at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientScope {
    /// Every client (the system itself: CLI, tests).
    All,
    /// The clients living in these regions (a zorgkantoor).
    Regions(Vec<Region>),
    /// The clients allocated to a provider, placed at or waiting for one of
    /// its locations, or waiting for the provider itself.
    Provider { agb: AgbCode, locations: Vec<LocationId> },
    /// The clients who consented to this OCO organisation.
    Oco(OcoId),
    /// No client (an analyst sees aggregates only).
    Nobody,
}

/// How the list is sorted. Each sort ends on the client number, so pages are stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientSort {
    /// The default waiting order: order group, then waiting since (longest first).
    #[default]
    WaitingOrder,
    /// Waiting since, oldest first (descending: newest first).
    WaitingSince,
    /// Last day within the norm, earliest first.
    NormDue,
    Name,
    Client,
}

impl ClientSort {
    pub const ALL: [ClientSort; 5] =
        [ClientSort::WaitingOrder, ClientSort::WaitingSince, ClientSort::NormDue, ClientSort::Name, ClientSort::Client];

    pub fn token(self) -> &'static str {
        match self {
            ClientSort::WaitingOrder => "waiting_order",
            ClientSort::WaitingSince => "waiting_since",
            ClientSort::NormDue => "norm_due",
            ClientSort::Name => "name",
            ClientSort::Client => "client",
        }
    }

    pub fn parse(token: &str) -> Option<ClientSort> {
        ClientSort::ALL.into_iter().find(|sort| sort.token() == token)
    }
}

/// One page of clients.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientQuery {
    pub scope: ClientScope,
    /// Only clients with a waiting status (the waiting list).
    pub waiting_only: bool,
    pub region: Option<Region>,
    pub sector: Option<Sector>,
    pub status: Option<WaitStatus>,
    pub classification: Option<Classification>,
    pub bridging: Option<bool>,
    /// Only clients waiting for this location or provider.
    pub waits_for: Option<ListTarget>,
    /// A client number, a BSN, or part of a name (case-insensitive).
    pub text: Option<String>,
    pub sort: ClientSort,
    pub descending: bool,
    pub offset: usize,
    pub limit: usize,
}

impl ClientQuery {
    /// The first `limit` clients of a scope, in the default waiting order, unfiltered.
    pub fn new(scope: ClientScope, limit: usize) -> ClientQuery {
        ClientQuery {
            scope,
            waiting_only: false,
            region: None,
            sector: None,
            status: None,
            classification: None,
            bridging: None,
            waits_for: None,
            text: None,
            sort: ClientSort::default(),
            descending: false,
            offset: 0,
            limit,
        }
    }
}

impl ClientQuery {
    /// What the search text matches, or `None` when there is no text.
    pub fn text_match(&self) -> Option<TextMatch> {
        self.text.as_deref().and_then(TextMatch::parse)
    }
}

/// What a search text looks for: the one reading of it every engine applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextMatch {
    /// Nine digits that pass the eleven test are a BSN: a mediator pastes
    /// them from another system.
    Bsn(Bsn),
    /// Other digits are a client number.
    Client(ClientId),
    /// Digits too large for a client number match no one.
    Nothing,
    /// Anything else is part of a name, in lower case: the name matches when
    /// its lower case contains it.
    Name(String),
}

impl TextMatch {
    /// Reads a search text; blank text is no filter (`None`).
    pub fn parse(text: &str) -> Option<TextMatch> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if !text.bytes().all(|byte| byte.is_ascii_digit()) {
            return Some(TextMatch::Name(text.to_lowercase()));
        }
        if text.len() == 9
            && let Ok(bsn) = Bsn::parse(text)
        {
            return Some(TextMatch::Bsn(bsn));
        }
        Some(text.parse().map_or(TextMatch::Nothing, |number| TextMatch::Client(ClientId(number))))
    }

    pub fn matches(&self, summary: &CaseSummary) -> bool {
        match self {
            TextMatch::Bsn(bsn) => summary.bsn == Some(*bsn),
            TextMatch::Client(client) => summary.client == *client,
            TextMatch::Nothing => false,
            TextMatch::Name(part) => summary.name.as_deref().is_some_and(|name| name_contains(name, part)),
        }
    }
}

/// Whether a name contains `part`, a text in lower case, in any case: the
/// name search of every engine. Names in ASCII are compared without
/// allocating, for an engine that runs this on every row of a region.
pub fn name_contains(name: &str, part: &str) -> bool {
    if name.is_ascii() && part.is_ascii() {
        let (name, part) = (name.as_bytes(), part.as_bytes());
        part.is_empty() || name.windows(part.len()).any(|window| window.eq_ignore_ascii_case(part))
    } else {
        name.to_lowercase().contains(part)
    }
}

/// A page of summaries and the number of clients matching the query in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientPage {
    pub total: usize,
    pub rows: Vec<CaseSummary>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_is_a_bsn_a_client_number_or_a_name() {
        let bsn = Bsn::from_serial(1234);
        assert_eq!(TextMatch::parse(bsn.as_str()), Some(TextMatch::Bsn(bsn)));
        assert_eq!(TextMatch::parse(" 17 "), Some(TextMatch::Client(ClientId(17))));
        assert_eq!(TextMatch::parse("123456789"), Some(TextMatch::Client(ClientId(123_456_789))), "fails the 11-proef");
        assert_eq!(TextMatch::parse("99999999999"), Some(TextMatch::Nothing));
        assert_eq!(TextMatch::parse("Öztürk"), Some(TextMatch::Name("öztürk".to_string())));
        assert_eq!(TextMatch::parse("17a"), Some(TextMatch::Name("17a".to_string())));
        assert_eq!(TextMatch::parse("  "), None);
    }

    #[test]
    fn a_name_contains_a_part_in_any_case() {
        for (name, part, contains) in [
            ("J. Jansen", "jansen", true),
            ("K. Bakker-Jansen", "r-ja", true),
            ("M. Öztürk", "öztürk", true),
            ("M. ÖZTÜRK", "öztürk", true),
            ("E. Çelik", "celik", false),
            ("A_B Visser", "a_b", true),
            ("AxB Smit", "a_b", false),
            ("Jansen", "jansens", false),
            ("Jansen", "", true),
        ] {
            assert_eq!(name_contains(name, part), contains, "{name:?} {part:?}");
        }
    }
}
