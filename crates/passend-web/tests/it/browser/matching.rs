//! The supply and matching pages in a real browser: a provider reports free places and closes a waiting list on
//! *Aanbod*; a zorgkantoor searches a place for a waiting client (*Plek zoeken*), reads the planning proposal
//! (*Voorstel*) and the persons who fit a location (*Kandidaten*); a provider is refused the proposal. Every page is
//! checked with axe-core (WCAG 2.1 AA).
//!
//! Test data is picked from the store at run time, and the expected answers are asked of the same matcher the
//! pages use, so the tests follow the generated data.

use passend_domain::case::CaseSummary;
use passend_domain::ids::LocationId;
use passend_domain::supply::Location;
use passend_web::{Role, policy};

use super::harness::{actor, attributes, browser, path, sign_in, sign_out, submit, texts};
use crate::support::{TODAY, TestApp, spawn_app};

// ---------------------------------------------------------------------------------------------------------------
// Helpers (as in flows.rs)
// ---------------------------------------------------------------------------------------------------------------

/// The waiting clients `username` may see, by number.
fn waiting_clients(app: &TestApp, username: &str) -> Vec<CaseSummary> {
    let actor = actor(app, username);
    let supply = app.state.passend.supply();
    let mut summaries = app.state.passend.projected_summaries().expect("the summaries");
    summaries.sort_by_key(|summary| summary.client);
    summaries
        .into_iter()
        .filter(|summary| {
            summary.status.is_some() && summary.ended_on.is_none() && policy::may_see(&actor, summary, &supply).is_ok()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------------------

/// A provider reports free places for one of its locations on *Aanbod* and sees the new number, reported today and
/// "actueel". Closing the waiting list without a reason shows the domain's Dutch message and changes nothing; with a
/// reason the list shows as closed, with the reason.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_reports_free_places_and_closes_a_waiting_list_only_with_a_reason() {
    let Some(b) = browser("a_provider_reports_free_places").await else { return };
    let mut app = spawn_app();
    let base = app.listen().await;
    let Role::Aanbieder { agb } = actor(&app, "aanbieder").role else { panic!("aanbieder is a provider") };
    let (location, new_free) = {
        let supply = app.state.passend.supply();
        let mut own: Vec<&Location> = supply
            .locations()
            .filter(|location| {
                location.provider == agb && location.capacity >= 2 && supply.waiting_list_closure(location.id).is_none()
            })
            .collect();
        own.sort_by_key(|location| location.id);
        let location = own.first().expect("the aanbieder has a location with an open list");
        // A number other than the one reported, within the capacity.
        let current = supply.free_places(location.id).map(|report| report.free);
        (location.id, if current == Some(1) { 2 } else { 1 })
    };
    let own = format!("section#locatie-{location}");

    sign_in(&b, &base, "aanbieder").await;
    assert!(b.exists("nav a[href='/aanbod']").await, "Aanbod is in the provider's menu");
    submit(&b, "nav a[href='/aanbod']").await;
    assert_eq!(b.text("h1").await, "Aanbod");
    assert!(b.exists(&own).await, "the page has a section for location {location}");
    assert!(b.exists("table#aanbod tbody tr[data-location]").await, "the register lists locations");
    b.axe_check("aanbod-aanbieder").await;

    // Free places.
    b.fill(&format!("#vrij-{location}"), &new_free.to_string()).await;
    b.fill(&format!("#bezet-{location}"), "").await;
    b.fill(&format!("#crisis-{location}"), "").await;
    submit(&b, &format!("{own} form.vrije-plaatsen button[type=submit]")).await;
    assert!(path(&b).await.starts_with("/aanbod?gelukt=vrije-plaatsen"), "{}", b.url().await);
    assert_eq!(b.text("p.melding.goed").await, "Vrije plaatsen gemeld.");
    assert_eq!(b.text(&format!("{own} dd.vrij")).await, new_free.to_string());
    assert_eq!(b.text(&format!("{own} .versheid")).await, "actueel");
    let reported = app.state.passend.supply().free_places(location).cloned().expect("a report");
    assert_eq!((reported.free, reported.reported_on), (new_free, TODAY));
    b.screenshot("aanbod-gemeld").await;

    // Closing without a reason: the domain's message inside the form, nothing recorded.
    b.fill(&format!("#reden-{location}"), "").await;
    submit(&b, &format!("{own} form.wachtlijst-sluiten button[type=submit]")).await;
    let message = b.text(&format!("#sluit-{location}-fout")).await;
    assert!(message.starts_with("Een wachtlijst sluiten kan alleen met een reden"), "{message}");
    assert_eq!(b.text(&format!("{own} dd.wachtlijst-stand")).await, "open");
    assert!(!b.exists("p.melding.goed").await, "nothing was saved");
    assert!(app.state.passend.supply().waiting_list_closure(location).is_none(), "the list is still open");
    b.axe_check("aanbod-fout").await;

    // With a reason.
    let reason = "Verbouwing van de afdeling tot 1 maart";
    b.fill(&format!("#reden-{location}"), reason).await;
    submit(&b, &format!("{own} form.wachtlijst-sluiten button[type=submit]")).await;
    assert_eq!(b.text("p.melding.goed").await, "Wachtlijst gesloten.");
    let list = b.text(&format!("{own} dd.wachtlijst-stand")).await;
    let today = format!("{:02}-{:02}-{}", TODAY.day(), TODAY.month(), TODAY.year());
    assert_eq!(list, format!("gesloten sinds {today}: {reason}"));
    assert!(b.exists(&format!("{own} form.wachtlijst-openen")).await, "the list can be reopened");
    assert_eq!(
        app.state.passend.supply().waiting_list_closure(location).map(|c| c.reason.clone()),
        Some(reason.into())
    );

    // The location's candidates, from the same section.
    submit(&b, &format!("{own} a[href='/locaties/{location}/kandidaten']")).await;
    assert!(b.text("h1").await.starts_with("Kandidaten voor"), "{}", b.text("h1").await);
    assert_eq!(attributes(&b, "#locatie-stand", "data-location").await, [location.to_string()]);
    b.axe_check("kandidaten-aanbieder").await;

    b.close().await;
}

/// The zorgkantoor opens *Plek zoeken* from a waiting client's dossier: the best places in the matcher's order,
/// each with the terms of its score, and *Waarom niet?* with the excluded locations counted per reason. Then the
/// candidates of a location with free places.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_zorgkantoor_searches_a_place_and_sees_why_and_why_not() {
    let Some(b) = browser("the_zorgkantoor_searches_a_place").await else { return };
    let mut app = spawn_app();
    let base = app.listen().await;
    // The first waiting client with at least one fitting place.
    let (client, answer) = waiting_clients(&app, "zorgkantoor")
        .into_iter()
        .find_map(|summary| {
            let answer = app.state.passend.places_for_client(summary.client, 10, TODAY).ok()?;
            (!answer.places.best.is_empty() && !answer.places.excluded.is_empty()).then_some((summary.client, answer))
        })
        .expect("a waiting client for whom a place fits");
    let expected: Vec<String> =
        answer.places.best.iter().map(|ranked| answer.supply[ranked.index].location.to_string()).collect();

    sign_in(&b, &base, "zorgkantoor").await;
    b.goto(&format!("{base}/clienten/{client}")).await;
    submit(&b, "a#plek-zoeken").await;
    assert_eq!(path(&b).await, format!("/clienten/{client}/plekken"));
    assert!(b.text("h1").await.starts_with("Plek zoeken"));
    assert!(b.exists("dl#behoeften").await, "the client's needs are shown");
    assert_eq!(attributes(&b, "ol#plekken li.plek", "data-location").await, expected, "the matcher's order");
    // Every place explains its score, term by term.
    let first = format!("ol#plekken li.plek[data-location='{}']", expected[0]);
    let labels = texts(&b, &format!("{first} table.uitleg-score tbody th")).await;
    let terms: Vec<&str> = answer.places.best[0].score.terms.iter().map(|term| term.term.label_nl()).collect();
    assert_eq!(labels, terms);
    assert!(labels.iter().any(|label| label == "Afstand") && labels.iter().any(|label| label == "Wachttijd"));
    // Why not.
    assert_eq!(b.text("#waarom-niet h2").await, "Waarom niet?");
    assert_eq!(b.text("#uitgesloten-totaal").await, answer.places.excluded.len().to_string());
    let counts: usize = texts(&b, "table#redenen tbody td.getal")
        .await
        .iter()
        .map(|count| count.parse::<usize>().expect("a count"))
        .sum();
    assert_eq!(counts, answer.places.excluded.len(), "the reasons count every excluded location once");
    b.axe_check("plek-zoeken").await;

    // The candidates of a location with free places, from the same data.
    let location = {
        let zorgkantoor = actor(&app, "zorgkantoor");
        let supply = app.state.passend.supply();
        let mut locations: Vec<LocationId> = supply
            .locations()
            .filter(|location| supply.free_places(location.id).is_some_and(|report| report.free > 0))
            .map(|location| location.id)
            .collect();
        locations.sort();
        drop(supply);
        locations
            .into_iter()
            .find(|location| {
                let answer = app.state.passend.persons_for_location(*location, TODAY).expect("an answer");
                let supply = app.state.passend.supply();
                answer.ranked.iter().any(|ranked| {
                    let summary = app.state.passend.summary(answer.demand[ranked.index].client).unwrap().unwrap();
                    policy::may_see(&zorgkantoor, &summary, &supply).is_ok()
                })
            })
            .expect("a location with free places that fits a client the zorgkantoor sees")
    };
    b.goto(&format!("{base}/locaties/{location}/kandidaten")).await;
    assert!(b.text("h1").await.starts_with("Kandidaten voor"));
    let persons = attributes(&b, "ol#kandidaten li.kandidaat", "data-client").await;
    assert!(!persons.is_empty(), "persons fit location {location}");
    assert!(b.exists("ol#kandidaten li.kandidaat table.uitleg-score").await, "each with the terms of the score");
    b.axe_check("kandidaten").await;

    b.close().await;
}

/// The zorgkantoor opens *Voorstel* from the menu: the proposed pairs and the persons who cannot be placed, as the
/// matcher proposes them, and the statement that the provider decides. A provider gets the 403 page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_zorgkantoor_reads_the_proposal_and_a_provider_may_not() {
    let Some(b) = browser("the_zorgkantoor_reads_the_proposal").await else { return };
    let mut app = spawn_app();
    let base = app.listen().await;
    let Role::Zorgkantoor { regions } = actor(&app, "zorgkantoor").role else { panic!("a zorgkantoor") };
    let answer = app.state.passend.proposal(Some(regions[0]), TODAY).expect("a proposal");
    assert!(!answer.proposal.placed.is_empty(), "the test data has free places that fit");
    assert!(!answer.proposal.unplaced.is_empty(), "the test data has more waiting persons than places");

    sign_in(&b, &base, "zorgkantoor").await;
    submit(&b, "nav a[href='/voorstel']").await;
    assert_eq!(b.text("h1").await, format!("Voorstel {}", regions[0].name()));
    assert!(b.text("#alleen-voorstel").await.contains("De aanbieder beslist"));
    assert_eq!(b.text("#aantal-paren").await, answer.proposal.placed.len().to_string());
    assert_eq!(b.text("#aantal-niet-geplaatst").await, answer.proposal.unplaced.len().to_string());
    let pairs = attributes(&b, "table#paren tbody tr", "data-client").await;
    let expected: Vec<String> =
        answer.proposal.placed.iter().map(|pair| answer.demand[pair.demand].client.to_string()).collect();
    assert_eq!(pairs, expected, "the proposed pairs, in the proposal's order");
    let unplaced: usize = texts(&b, "table#niet-geplaatst tbody td.getal")
        .await
        .iter()
        .map(|count| count.parse::<usize>().expect("a count"))
        .sum();
    assert_eq!(unplaced, answer.proposal.unplaced.len(), "every unplaced person is counted under one reason");
    b.axe_check("voorstel").await;
    sign_out(&b).await;

    sign_in(&b, &base, "aanbieder").await;
    assert!(!b.exists("nav a[href='/voorstel']").await, "not in the provider's menu");
    b.goto(&format!("{base}/voorstel")).await;
    assert_eq!(b.text("h1").await, "Geen toegang");
    assert_eq!(attributes(&b, "p.melding.fout", "data-status").await, ["403"]);
    b.axe_check("voorstel-geen-toegang").await;

    b.close().await;
}
