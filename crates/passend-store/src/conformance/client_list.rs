//! Conformance of the client list: every page an engine returns must equal
//! the one defined here in Rust, over the summaries the engine itself holds
//! (`for_each_client_summary`): the same clients, in the same order, with the
//! same total.

use std::cmp::Ordering;

use jiff::ToSpan;
use jiff::civil::date;
use passend_domain::case::waiting_order::OrderGroup;
use passend_domain::case::{CaseCommand, CaseSummary, ListTarget};
use passend_domain::codes::{CareEndReason, CareProfile, Classification, DeliveryForm, Region, Sector, WaitStatus};
use passend_domain::ids::{Bsn, ClientId, LocationId, OcoId};

use super::{SplitMix, agb, meta, utrecht, world};
use crate::event_store::EventStore;
use crate::{ClientPage, ClientQuery, ClientScope, ClientSort, Passend};

/// Whether a client is in a scope, by the definition of [`ClientScope`].
fn in_scope(scope: &ClientScope, summary: &CaseSummary) -> bool {
    match scope {
        ClientScope::All => true,
        ClientScope::Regions(regions) => regions.contains(&summary.region),
        ClientScope::Provider { agb, locations } => {
            summary.dossierhouder == Some(*agb)
                || summary.placed_at.is_some_and(|location| locations.contains(&location))
                || summary.waits_for(ListTarget::Provider(*agb))
                || locations.iter().any(|location| summary.waits_for(ListTarget::Location(*location)))
        }
        ClientScope::Oco(oco) => summary.oco_consent == Some(*oco),
        ClientScope::Nobody => false,
    }
}

/// Whether a query selects a client.
pub(super) fn selects(query: &ClientQuery, summary: &CaseSummary) -> bool {
    in_scope(&query.scope, summary)
        && (!query.waiting_only || summary.status.is_some())
        && query.region.is_none_or(|region| summary.region == region)
        && query.sector.is_none_or(|sector| summary.sector() == Some(sector))
        && query.status.is_none_or(|status| summary.status == Some(status))
        && query.classification.is_none_or(|classification| summary.classification == Some(classification))
        && query.bridging.is_none_or(|bridging| summary.bridging == bridging)
        && query.waits_for.is_none_or(|target| summary.waits_for(target))
        && query.text_match().is_none_or(|text| text.matches(summary))
}

/// The order of a query: its key, absent values last in either direction,
/// then the client number, ascending.
fn order(query: &ClientQuery, a: &CaseSummary, b: &CaseSummary) -> Ordering {
    fn key<T: Ord>(a: Option<T>, b: Option<T>, descending: bool) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) if descending => b.cmp(&a),
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    let descending = query.descending;
    let main = match query.sort {
        ClientSort::WaitingOrder => {
            let group_and_since =
                |summary: &CaseSummary| summary.waiting_order_key().map(|k| (k.group, k.waiting_since));
            key(group_and_since(a), group_and_since(b), descending)
        }
        ClientSort::WaitingSince => key(a.waiting_since, b.waiting_since, descending),
        ClientSort::NormDue => key(a.norm_due, b.norm_due, descending),
        ClientSort::Name => key(a.name.as_deref(), b.name.as_deref(), descending),
        ClientSort::Client => key(Some(a.client), Some(b.client), descending),
    };
    main.then(a.client.cmp(&b.client))
}

/// The page a query must return from these summaries.
pub(super) fn expected_page(summaries: &[CaseSummary], query: &ClientQuery) -> ClientPage {
    let mut selected: Vec<&CaseSummary> = summaries.iter().filter(|summary| selects(query, summary)).collect();
    selected.sort_by(|a, b| order(query, a, b));
    let rows = selected.iter().skip(query.offset).take(query.limit).map(|summary| (*summary).clone()).collect();
    ClientPage { total: selected.len(), rows }
}

/// Asks the engine and checks the answer against the definition.
fn check<S: EventStore>(service: &Passend<S>, summaries: &[CaseSummary], query: &ClientQuery) -> ClientPage {
    let page = service.clients(query).unwrap();
    let expected = expected_page(summaries, query);
    assert_eq!(page.total, expected.total, "total of {query:?}");
    assert_eq!(
        page.rows.iter().map(|row| row.client).collect::<Vec<_>>(),
        expected.rows.iter().map(|row| row.client).collect::<Vec<_>>(),
        "clients of {query:?}"
    );
    assert_eq!(page, expected, "summaries of {query:?}");
    page
}

const NAMES: [&str; 10] = [
    "J. Jansen",
    "A. de Vries",
    "M. Öztürk",
    "E. Çelik",
    "P. van den Berg",
    "K. Bakker-Jansen",
    "A_B Visser",
    "AxB Smit",
    "Zorg 50% Mulder",
    "H. Zorg 500",
];

fn regions() -> [Region; 3] {
    [utrecht(), Region::parse("Zeeland").unwrap(), Region::parse("Midden-IJssel").unwrap()]
}

/// A world of varied clients: three regions and sectors, every status and
/// order group, preferences for locations and providers, bridging and
/// placed clients, consents to two OCOs, ended cases, clients without a name
/// or BSN. Returns the service and the summaries its engine holds.
fn client_world<S: EventStore>(make: &dyn Fn() -> S) -> (Passend<S>, Vec<CaseSummary>) {
    let service = world(make, 4);
    let mut random = SplitMix(17);
    let profiles = ["5VV", "6VG", "4GGZ B"];
    let classifications = [None, Some(Classification::VoorkeuraanbiederLeidend), Some(Classification::Logeren)];
    for number in 0..84_u32 {
        let region = regions()[random.below(3) as usize];
        let mut day = date(2026, 1, 5).checked_add((random.below(40) as i64).days()).unwrap();
        let mut next_day = |random: &mut SplitMix| {
            day = day.checked_add((random.below(20) as i64).days()).unwrap();
            meta(day)
        };
        let registration = passend_domain::case::ClientRegistration {
            name: (number % 9 != 4).then(|| NAMES[random.below(NAMES.len() as u64) as usize].to_string()),
            bsn: (number % 5 != 2).then(|| Bsn::from_serial(number * 7_919 + 13)),
            ..super::registration(region)
        };
        let client = service.register_client(registration, next_day(&mut random)).unwrap();
        if random.below(10) >= 8 {
            continue;
        }
        let provider = agb(random.below(4) as u32 + 1);
        let indication = CaseCommand::RecordIndication {
            care_profile: CareProfile::parse(profiles[random.below(3) as usize]).unwrap(),
            delivery_form: Some(DeliveryForm::Verblijf),
            preferred_provider: Some(provider),
        };
        service.execute(client, &indication, next_day(&mut random), None).unwrap();
        let mut commands = Vec::new();
        if random.below(10) < 7 {
            let mut preferences = vec![ListTarget::Location(LocationId(random.below(4) as u32 + 1))];
            if random.below(3) == 0 {
                preferences.push(ListTarget::Provider(agb(random.below(4) as u32 + 1)));
            }
            commands.push(CaseCommand::SetWaitStatus {
                status: WaitStatus::ALL[random.below(4) as usize],
                classification: classifications[random.below(3) as usize],
                preferences: Some(preferences),
            });
            if random.below(5) == 0 {
                commands.push(CaseCommand::Admit { location: LocationId(random.below(4) as u32 + 1), bridging: true });
            }
        } else if random.below(2) == 0 {
            commands.push(CaseCommand::Admit { location: LocationId(random.below(4) as u32 + 1), bridging: false });
        }
        if random.below(4) == 0 {
            commands.push(CaseCommand::RecordOcoConsent { oco: Some(OcoId(random.below(2) as u32 + 1)) });
            if random.below(4) == 0 {
                commands.push(CaseCommand::RecordOcoConsent { oco: None });
            }
        }
        if random.below(12) == 0 {
            commands.push(CaseCommand::EndCare { reason: CareEndReason::Overleden });
        }
        for command in commands {
            service.execute(client, &command, next_day(&mut random), None).unwrap();
        }
    }
    let summaries = service.projected_summaries().unwrap();
    // The world has what the checks need to mean something.
    let some = |what: &str, test: &dyn Fn(&CaseSummary) -> bool| {
        assert!(summaries.iter().any(test), "the client world has no client {what}");
    };
    for status in WaitStatus::ALL {
        some(status.token(), &|summary| summary.status == Some(status));
    }
    for group in OrderGroup::ALL {
        some("in each order group", &|summary| summary.waiting_order_key().is_some_and(|key| key.group == group));
    }
    for sector in Sector::ALL {
        some("of each sector", &|summary| summary.sector() == Some(sector) && summary.status.is_some());
    }
    for oco in [1, 2] {
        some("consenting to each OCO", &|summary| summary.oco_consent == Some(OcoId(oco)));
    }
    some("bridging", &|summary| summary.bridging && summary.status.is_some());
    some("placed", &|summary| summary.placed_at.is_some() && !summary.bridging);
    some("ended", &|summary| summary.ended_on.is_some());
    some("without a name", &|summary| summary.name.is_none());
    some("without a BSN", &|summary| summary.bsn.is_none());
    some("without an indication", &|summary| summary.care_profile.is_none());
    some("with a norm", &|summary| summary.norm_due.is_some());
    some("waiting for a provider", &|summary| summary.preferences.iter().any(|t| matches!(t, ListTarget::Provider(_))));
    (service, summaries)
}

fn scopes() -> Vec<ClientScope> {
    let [utrecht, zeeland, _] = regions();
    vec![
        ClientScope::All,
        ClientScope::Regions(vec![utrecht]),
        ClientScope::Regions(vec![utrecht, zeeland]),
        ClientScope::Regions(Vec::new()),
        ClientScope::Provider { agb: agb(1), locations: vec![LocationId(1)] },
        ClientScope::Provider { agb: agb(2), locations: vec![LocationId(2), LocationId(3)] },
        ClientScope::Provider { agb: agb(4), locations: Vec::new() },
        ClientScope::Oco(OcoId(1)),
        ClientScope::Oco(OcoId(2)),
        ClientScope::Oco(OcoId(9)),
        ClientScope::Nobody,
    ]
}

pub fn clients_in_every_scope<S: EventStore>(make: &dyn Fn() -> S) {
    let (service, summaries) = client_world(make);
    for scope in scopes() {
        let everyone = check(&service, &summaries, &ClientQuery::new(scope.clone(), 1000));
        let expected_some = !matches!(&scope, ClientScope::Nobody | ClientScope::Oco(OcoId(9)))
            && scope != ClientScope::Regions(Vec::new());
        assert_eq!(everyone.total > 0, expected_some, "{scope:?}: {} clients", everyone.total);
        for waiting_only in [false, true] {
            for sort in ClientSort::ALL {
                for descending in [false, true] {
                    let query = ClientQuery { waiting_only, sort, descending, ..ClientQuery::new(scope.clone(), 1000) };
                    check(&service, &summaries, &query);
                }
            }
        }
    }
    let nobody = service.clients(&ClientQuery::new(ClientScope::Nobody, 10)).unwrap();
    assert_eq!(nobody, ClientPage { total: 0, rows: Vec::new() });
}

/// A filter set on a query.
type Filter = Box<dyn Fn(&mut ClientQuery)>;

pub fn clients_by_every_filter<S: EventStore>(make: &dyn Fn() -> S) {
    let (service, summaries) = client_world(make);
    let mut filters: Vec<Filter> = Vec::new();
    for region in regions() {
        filters.push(Box::new(move |query| query.region = Some(region)));
    }
    for sector in Sector::ALL {
        filters.push(Box::new(move |query| query.sector = Some(sector)));
    }
    for status in WaitStatus::ALL {
        filters.push(Box::new(move |query| query.status = Some(status)));
    }
    for classification in [Classification::VoorkeuraanbiederLeidend, Classification::Logeren] {
        filters.push(Box::new(move |query| query.classification = Some(classification)));
    }
    for bridging in [false, true] {
        filters.push(Box::new(move |query| query.bridging = Some(bridging)));
    }
    for n in 1..=4 {
        filters.push(Box::new(move |query| query.waits_for = Some(ListTarget::Location(LocationId(n)))));
        filters.push(Box::new(move |query| query.waits_for = Some(ListTarget::Provider(agb(n)))));
    }
    filters.push(Box::new(|query| query.waiting_only = true));
    filters.push(Box::new(|query| query.text = Some("jansen".to_string())));
    // The cells of the region counts: a total from `region_counts`.
    let [utrecht, zeeland, _] = regions();
    filters.push(Box::new(move |query| {
        query.waiting_only = true;
        query.region = Some(utrecht);
        query.sector = Some(Sector::Vv);
    }));
    filters.push(Box::new(move |query| {
        query.region = Some(zeeland);
        query.status = Some(WaitStatus::ActiefPlaatsen);
        query.bridging = Some(false);
    }));
    filters.push(Box::new(|query| {
        query.waiting_only = true;
        query.sector = Some(Sector::Ghz);
        query.bridging = Some(true);
    }));
    filters.push(Box::new(|query| {
        query.waiting_only = true;
        query.classification = Some(Classification::VoorkeuraanbiederLeidend);
    }));
    let mut matched = 0;
    for scope in scopes() {
        for filter in &filters {
            // A limit below the total makes the engine count rather than
            // read the total off a short page.
            for limit in [2, 1000] {
                let mut query = ClientQuery::new(scope.clone(), limit);
                filter(&mut query);
                matched += usize::from(check(&service, &summaries, &query).total > 2);
            }
        }
    }
    assert!(matched > 100, "only {matched} filtered queries matched more than two clients");
}

pub fn clients_sorted_and_paged<S: EventStore>(make: &dyn Fn() -> S) {
    let (service, summaries) = client_world(make);
    for scope in [ClientScope::All, ClientScope::Regions(vec![utrecht()])] {
        for waiting_only in [false, true] {
            for sort in ClientSort::ALL {
                for descending in [false, true] {
                    let whole = ClientQuery { waiting_only, sort, descending, ..ClientQuery::new(scope.clone(), 1000) };
                    let all = check(&service, &summaries, &whole);
                    let mut paged = Vec::new();
                    for offset in (0..all.total + 7).step_by(7) {
                        let page = check(&service, &summaries, &ClientQuery { offset, limit: 7, ..whole.clone() });
                        assert_eq!(page.total, all.total, "every page has the same total");
                        paged.extend(page.rows);
                    }
                    assert_eq!(paged, all.rows, "the pages of {sort:?} put together are the whole list");
                    let none = check(&service, &summaries, &ClientQuery { limit: 0, ..whole.clone() });
                    assert!(none.rows.is_empty() && none.total == all.total);
                }
            }
        }
    }
    // Descending reverses the key, not the tie-break: equal keys stay in client order.
    let query =
        ClientQuery { sort: ClientSort::WaitingSince, descending: true, ..ClientQuery::new(ClientScope::All, 1000) };
    let rows = service.clients(&query).unwrap().rows;
    assert!(
        rows.windows(2).any(|pair| pair[0].waiting_since == pair[1].waiting_since && pair[0].waiting_since.is_some())
    );
    for pair in rows.windows(2) {
        if pair[0].waiting_since == pair[1].waiting_since {
            assert!(pair[0].client < pair[1].client);
        }
    }
    assert!(rows.last().is_some_and(|row| row.waiting_since.is_none()), "clients who do not wait come last");
}

pub fn clients_found_by_name_bsn_and_number<S: EventStore>(make: &dyn Fn() -> S) {
    let (service, summaries) = client_world(make);
    let find = |scope: ClientScope, text: &str| {
        let query =
            ClientQuery { text: Some(text.to_string()), sort: ClientSort::Client, ..ClientQuery::new(scope, 1000) };
        check(&service, &summaries, &query).rows.iter().map(|row| row.client).collect::<Vec<ClientId>>()
    };
    let named = |part: &str| -> Vec<ClientId> {
        summaries
            .iter()
            .filter(|summary| summary.name.as_deref().is_some_and(|name| name.contains(part)))
            .map(|summary| summary.client)
            .collect()
    };
    // Names: any case, letters outside ASCII too; % and _ are themselves.
    assert_eq!(find(ClientScope::All, "JANSEN"), named("Jansen"));
    assert!(!named("Jansen").is_empty() && named("Jansen") != named("J. Jansen"));
    assert_eq!(find(ClientScope::All, "öztürk"), named("Öztürk"));
    assert_eq!(find(ClientScope::All, "ÇELIK"), named("Çelik"));
    assert!(!named("Öztürk").is_empty() && !named("Çelik").is_empty());
    assert_eq!(find(ClientScope::All, "a_b"), named("A_B"), "an underscore is no wildcard");
    assert_eq!(find(ClientScope::All, "50%"), named("50%"), "a percent sign is no wildcard");
    assert!(!named("AxB").is_empty() && !named("500").is_empty());
    assert_eq!(find(ClientScope::All, "  de vries "), named("de Vries"));
    assert!(find(ClientScope::All, "Pietersen").is_empty());
    // A BSN finds its client, within the scope only.
    let with_bsn = summaries.iter().find(|summary| summary.bsn.is_some()).unwrap();
    let bsn = with_bsn.bsn.unwrap();
    assert_eq!(find(ClientScope::All, bsn.as_str()), vec![with_bsn.client]);
    assert_eq!(find(ClientScope::Regions(vec![with_bsn.region]), bsn.as_str()), vec![with_bsn.client]);
    let elsewhere = regions().into_iter().find(|region| *region != with_bsn.region).unwrap();
    assert!(find(ClientScope::Regions(vec![elsewhere]), bsn.as_str()).is_empty());
    assert!(find(ClientScope::All, Bsn::from_serial(999_999).as_str()).is_empty(), "nobody has that BSN");
    // Other digits are a client number.
    assert_eq!(find(ClientScope::All, "7"), vec![ClientId(7)]);
    assert_eq!(find(ClientScope::All, "007"), vec![ClientId(7)]);
    assert!(find(ClientScope::All, "123456789").is_empty(), "not a BSN, and no such client");
    assert!(find(ClientScope::All, "99999999999999").is_empty());
    assert!(find(ClientScope::Nobody, "7").is_empty());
    // Blank text is no filter.
    assert_eq!(find(ClientScope::All, "  ").len(), summaries.len());
}
