//! The main flows of the Dutch pages in a real browser: signing in per role, the inbox, the dossier's forms
//! (first contact, wait status, offers and refusals, notes), a conflict between two tabs and the 403 page. Every
//! page is checked with axe-core (WCAG 2.1 AA) at least once in this suite.
//!
//! Each test runs its own app (its own copy of the generated region) and one browser, so the tests can run in
//! parallel. Test data is picked from the store; the browser only does what a person would do.

use passend_domain::case::{CaseSummary, ListTarget};
use passend_domain::codes::WaitStatus;
use passend_domain::ids::AgbCode;
use passend_web::auth::demo::DEMO_OCO;
use passend_web::{Actor, Role, policy};

use super::harness::{Browser, actor, attributes, browser, path, sign_in, sign_out, submit, texts};
use crate::support::{TestApp, spawn_app};

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

/// The client numbers of the rows matching `css` (elements with `data-client`).
async fn clients(b: &Browser, css: &str) -> Vec<u32> {
    attributes(b, css, "data-client")
        .await
        .iter()
        .map(|value| value.parse().unwrap_or_else(|_| panic!("`{css}` has data-client={value:?}, not a number")))
        .collect()
}

/// The success message at the top of the page (`p.melding.goed`).
async fn success(b: &Browser) -> String {
    b.text("p.melding.goed").await
}

/// The wait status in the dossier's facts: its token (`data-status`) and its label.
async fn status(b: &Browser) -> (String, String) {
    let element = b.wait_for("#status").await;
    let token = element.attr("data-status").await.ok().flatten().unwrap_or_default();
    let label = element.text().await.unwrap_or_default();
    (token, label.trim().to_string())
}

/// The events of the dossier's timeline (notes left out), newest first: kind and text.
async fn events(b: &Browser) -> Vec<(String, String)> {
    let kinds = attributes(b, "ol.tijdlijn li.gebeurtenis", "data-kind").await;
    let texts = texts(b, "ol.tijdlijn li.gebeurtenis .tijdlijn-tekst").await;
    assert_eq!(kinds.len(), texts.len(), "every event has a text");
    kinds.into_iter().zip(texts).collect()
}

fn agb(actor: &Actor) -> AgbCode {
    match actor.role {
        Role::Aanbieder { agb } => agb,
        _ => panic!("{} is not a provider", actor.username),
    }
}

/// The first client (by number) that `username` may see and that fits `fits`.
fn client_of(app: &TestApp, username: &str, what: &str, fits: impl Fn(&CaseSummary) -> bool) -> CaseSummary {
    let actor = actor(app, username);
    let supply = app.state.passend.supply();
    let mut summaries = app.state.passend.projected_summaries().expect("the summaries");
    summaries.sort_by_key(|summary| summary.client);
    summaries
        .into_iter()
        .find(|summary| policy::may_see(&actor, summary, &supply).is_ok() && fits(summary))
        .unwrap_or_else(|| panic!("the test data has {what} for {username}"))
}

// ---------------------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------------------

/// Every role signs in and lands on its home page; the zorgkantoor filters its inbox on overdue first contacts,
/// opens the dossier of the first one, finds the client again by number, and looks at the waiting list and the
/// figures. Checks login, Werkvoorraad, Cliëntdossier, Zoeken, Wachtlijst, Cijfers and OCO home with axe-core.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_signs_in_to_its_home_and_the_inbox_leads_to_an_overdue_client() {
    let Some(b) = browser("each_role_signs_in_to_its_home").await else { return };
    let mut app = spawn_app();
    let base = app.listen().await;

    // The login page; a wrong password keeps the person there with a message.
    b.goto(&format!("{base}/inloggen")).await;
    b.wait_for("#gebruikersnaam").await;
    b.axe_check("inloggen").await;
    b.fill("#gebruikersnaam", "zorgkantoor").await;
    b.fill("#wachtwoord", "verkeerd").await;
    submit(&b, "main button[type=submit]").await;
    assert!(b.text("p.melding.fout").await.contains("verkeerd wachtwoord"));
    assert!(path(&b).await.starts_with("/inloggen"));

    // Zorgkantoor: the inbox.
    sign_in(&b, &base, "zorgkantoor").await;
    assert_eq!(path(&b).await, "/");
    assert_eq!(b.text("h1").await, "Werkvoorraad");
    assert!(b.exists("ul.tellers li").await, "the counters are there");
    assert!(!clients(&b, "table#signalen tbody tr").await.is_empty(), "the zorgkantoor has alerts");
    b.axe_check("werkvoorraad-zorgkantoor").await;

    // Filter on overdue first contacts.
    b.select("form#filters select[name=signaal]", "first_contact_overdue").await;
    submit(&b, "form#filters button[type=submit]").await;
    assert!(path(&b).await.contains("signaal=first_contact_overdue"), "{}", b.url().await);
    let kinds = attributes(&b, "table#signalen tbody tr", "data-kind").await;
    assert!(!kinds.is_empty(), "there are overdue first contacts");
    assert!(kinds.iter().all(|kind| kind == "first_contact_overdue"), "only overdue first contacts: {kinds:?}");
    b.screenshot("werkvoorraad-gefilterd").await;

    // Through to the dossier of the first one.
    let client = clients(&b, "table#signalen tbody tr").await[0];
    submit(&b, &format!("table#signalen tr[data-client='{client}'][data-kind='first_contact_overdue'] a")).await;
    assert_eq!(path(&b).await, format!("/clienten/{client}"));
    assert_eq!(attributes(&b, "#dossier", "data-client").await, [client.to_string()]);
    assert!(b.exists("ul.signalen-lijst li[data-kind='first_contact_overdue']").await, "the dossier shows the signal");
    assert!(b.text("#feit-eerste-contact").await.contains("uiterlijk"), "the first contact is still open");
    b.axe_check("clientdossier").await;

    // Search finds the client by number.
    b.goto(&format!("{base}/zoeken")).await;
    b.fill("#zoekterm", &client.to_string()).await;
    submit(&b, "form#zoeken button[type=submit]").await;
    assert_eq!(clients(&b, "table#zoekresultaten tbody tr").await, [client]);
    b.axe_check("zoeken").await;

    // The waiting list and the figures.
    b.goto(&format!("{base}/wachtlijst")).await;
    assert!(!clients(&b, "table#wachtlijst tbody tr").await.is_empty(), "people are waiting");
    assert!(b.exists("a#csv").await);
    b.axe_check("wachtlijst").await;
    b.goto(&format!("{base}/cijfers")).await;
    assert!(b.text("h1").await.starts_with("Cijfers"));
    assert!(b.exists("table#cijfers").await);
    b.axe_check("cijfers-zorgkantoor").await;
    sign_out(&b).await;

    // Aanbieder: its own inbox.
    sign_in(&b, &base, "aanbieder").await;
    assert_eq!(path(&b).await, "/");
    assert_eq!(b.text("h1").await, "Werkvoorraad");
    b.axe_check("werkvoorraad-aanbieder").await;
    sign_out(&b).await;

    // OCO: "Mijn cliënten".
    sign_in(&b, &base, "oco").await;
    assert_eq!(path(&b).await, "/");
    assert_eq!(b.text("h1").await, "Mijn cliënten");
    assert!(b.exists("table#clienten tbody tr").await, "the OCO has consented clients");
    b.axe_check("oco-mijn-clienten").await;
    sign_out(&b).await;

    // Analist: straight to the figures.
    sign_in(&b, &base, "analist").await;
    assert_eq!(path(&b).await, "/cijfers");
    assert!(b.text("h1").await.starts_with("Cijfers"));
    assert!(!b.page_source().await.contains("/clienten/"), "no personal data for the analist");
    b.axe_check("cijfers-analist").await;

    b.close().await;
}

/// The aanbieder registers first contact from its intake list (`/aanbieder`): the row leaves the list and the
/// dossier's timeline shows the event. Then aanbieder2 opens a client only the aanbieder may see and gets the 403
/// page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_registers_first_contact_and_another_provider_is_refused() {
    let Some(b) = browser("a_provider_registers_first_contact").await else { return };
    let mut app = spawn_app();
    let base = app.listen().await;
    let own = agb(&actor(&app, "aanbieder"));
    let other = actor(&app, "aanbieder2");
    let private = {
        let supply = app.state.passend.supply();
        client_of(&app, "aanbieder", "a client aanbieder2 may not see", |summary| {
            summary.dossierhouder == Some(own) && policy::may_see(&other, summary, &supply).is_err()
        })
        .client
    };

    sign_in(&b, &base, "aanbieder").await;
    b.goto(&format!("{base}/aanbieder")).await;
    assert!(b.text("h1").await.starts_with("Mijn locaties"));
    assert!(b.exists("table.locatie-wachtlijst[data-location]").await, "the provider's locations have lists");
    let intake = clients(&b, "table#intake tbody tr").await;
    assert!(!intake.is_empty(), "the aanbieder has first contacts to register");
    b.axe_check("aanbieder").await;

    let client = intake[0];
    submit(&b, &format!("table#intake tr[data-client='{client}'] form.eerste-contact button[type=submit]")).await;
    assert!(path(&b).await.starts_with("/aanbieder"), "back on the provider page: {}", b.url().await);
    assert_eq!(success(&b).await, "Eerste contact vastgelegd.");
    let after = clients(&b, "table#intake tbody tr").await;
    assert!(!after.contains(&client), "client {client} left the intake list");
    assert_eq!(after.len(), intake.len() - 1, "the intake list shrank by one");
    b.screenshot("aanbieder-na-eerste-contact").await;

    // The dossier shows the event in the timeline, and no first-contact form any more.
    b.goto(&format!("{base}/clienten/{client}")).await;
    assert!(b.exists("ol.tijdlijn li[data-kind='first_contact_registered']").await, "the timeline has the event");
    assert!(b.text("#feit-eerste-contact").await.starts_with("gehad op"));
    assert!(!b.exists("form#form-eerste-contact").await, "nothing left to register");
    b.screenshot("dossier-na-eerste-contact").await;

    // The aanbieder sees its own client …
    b.goto(&format!("{base}/clienten/{private}")).await;
    assert_eq!(attributes(&b, "#dossier", "data-client").await, [private.to_string()]);
    sign_out(&b).await;

    // … aanbieder2 does not.
    sign_in(&b, &base, "aanbieder2").await;
    b.goto(&format!("{base}/clienten/{private}")).await;
    assert_eq!(b.text("h1").await, "Geen toegang");
    assert_eq!(attributes(&b, "p.melding.fout", "data-status").await, ["403"]);
    assert_eq!(b.text("p.melding.fout").await, "U heeft geen toegang tot deze cliënt.");
    assert!(!b.page_source().await.contains("id=\"dossier\""), "nothing of the dossier");
    b.axe_check("geen-toegang").await;

    b.close().await;
}

/// The zorgkantoor sets the wait status of an *actief plaatsen* client to *wacht op voorkeur*, then offers a place
/// at a preferred location twice and records both refusals (without weighty reason): the second counted refusal
/// makes the status *wacht uit voorzorg*.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_counted_refusals_make_the_status_wacht_uit_voorzorg() {
    let Some(b) = browser("two_counted_refusals").await else { return };
    let mut app = spawn_app();
    let base = app.listen().await;
    // A waiting client with no counted refusal yet and a preferred location of its own sector (the offer form
    // lists the locations of the client's sector).
    let (client, location) = {
        let supply = app.state.passend.supply();
        let preferred_location = |summary: &CaseSummary| {
            summary.preferences.iter().find_map(|target| match *target {
                ListTarget::Location(location)
                    if supply.location(location).is_some_and(|l| summary.sector() == Some(l.sector)) =>
                {
                    Some(location)
                }
                _ => None,
            })
        };
        let summary = client_of(&app, "zorgkantoor", "an actief plaatsen client with a preferred location", |s| {
            s.status == Some(WaitStatus::ActiefPlaatsen)
                && s.refusals == 0
                && s.ended_on.is_none()
                && s.placed_at.is_none()
                && preferred_location(s).is_some()
        });
        let location = preferred_location(&summary).expect("a preferred location");
        (summary.client, location)
    };

    sign_in(&b, &base, "zorgkantoor").await;
    b.goto(&format!("{base}/clienten/{client}")).await;
    assert_eq!(status(&b).await, ("actief_plaatsen".to_string(), "Actief plaatsen".to_string()));

    // 1. The wait status: wacht op voorkeur (refusals count only then), the preferences stay.
    b.select("form#form-wachtstatus select[name=status]", "wacht_op_voorkeur").await;
    submit(&b, "form#form-wachtstatus button[type=submit]").await;
    assert_eq!(success(&b).await, "Wachtstatus vastgelegd.");
    assert_eq!(status(&b).await, ("wacht_op_voorkeur".to_string(), "Wacht op voorkeur".to_string()));
    assert_eq!(events(&b).await[0].0, "wait_status_set", "the newest event");
    b.screenshot("wacht-op-voorkeur").await;

    // 2. Two offers at the preferred location, two refusals without a weighty reason.
    let location = location.to_string();
    for round in 1..=2 {
        b.select("form#form-aanbod select[name=location]", &location).await;
        submit(&b, "form#form-aanbod button[type=submit]").await;
        assert_eq!(success(&b).await, "Aanbod vastgelegd.", "offer {round}");
        assert_eq!(attributes(&b, "#aanbiedingen li", "data-location").await, [location.as_str()], "offer {round}");
        b.screenshot(&format!("aanbod-{round}")).await;

        b.select("form#form-weigering select[name=location]", &location).await;
        let weighty = b.wait_for("form#form-weigering input[name=weighty_reason]").await;
        assert!(!weighty.is_selected().await.unwrap_or(true), "no weighty reason");
        submit(&b, "form#form-weigering button[type=submit]").await;
        assert_eq!(success(&b).await, "Weigering van het aanbod vastgelegd.", "refusal {round}");
        assert!(!b.exists("#aanbiedingen li").await, "no open offer after refusal {round}");
        // Newest first: the refusal (after the second, the lapse of the waiting time above it).
        let events = events(&b).await;
        let refused = if round == 1 { 0 } else { 1 };
        assert_eq!(events[refused].0, "offer_refused", "{events:?}");
        assert!(events[refused].1.contains("telt mee als weigering"), "{events:?}");
        if round == 1 {
            assert_eq!(status(&b).await.0, "wacht_op_voorkeur", "one refusal keeps the status");
            assert_eq!(b.text("#feit-weigeringen").await, "1");
        } else {
            assert_eq!(events[0].0, "waiting_time_lapsed", "{events:?}");
        }
        b.screenshot(&format!("weigering-{round}")).await;
    }
    assert_eq!(status(&b).await, ("wacht_uit_voorzorg".to_string(), "Wacht uit voorzorg".to_string()));

    b.close().await;
}

/// The same dossier in two tabs: a change saved in the first tab makes the second tab's form stale, and saving
/// that shows the conflict message (HTTP 409) with the current case.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_from_a_stale_tab_is_a_conflict() {
    let Some(b) = browser("a_form_from_a_stale_tab_is_a_conflict").await else { return };
    let mut app = spawn_app();
    let base = app.listen().await;
    let client = client_of(&app, "zorgkantoor", "a waiting client", |summary| {
        summary.status.is_some_and(|status| status != WaitStatus::UrgentPlaatsen) && summary.ended_on.is_none()
    })
    .client;
    let dossier = format!("{base}/clienten/{client}");

    sign_in(&b, &base, "zorgkantoor").await;
    let first = b.window().await;
    b.goto(&dossier).await;
    let version = attributes(&b, "#dossier", "data-version").await;
    let second = b.new_window().await;
    b.goto(&dossier).await;
    assert_eq!(attributes(&b, "#dossier", "data-version").await, version, "both tabs show the same version");

    // Tab 1: urgent plaatsen.
    b.switch_to_window(&first).await;
    b.select("form#form-wachtstatus select[name=status]", "urgent_plaatsen").await;
    submit(&b, "form#form-wachtstatus button[type=submit]").await;
    assert_eq!(success(&b).await, "Wachtstatus vastgelegd.");
    assert_eq!(status(&b).await.0, "urgent_plaatsen");
    b.screenshot("tab-1-opgeslagen").await;

    // Tab 2, still on the old version: wacht uit voorzorg.
    b.switch_to_window(&second).await;
    b.select("form#form-wachtstatus select[name=status]", "wacht_uit_voorzorg").await;
    submit(&b, "form#form-wachtstatus button[type=submit]").await;
    let conflict = b.text("p.melding.fout[data-kind='conflict']").await;
    assert!(
        conflict.starts_with("Dit dossier is intussen gewijzigd, door een collega of in een ander venster."),
        "{conflict}"
    );
    assert_eq!(status(&b).await.0, "urgent_plaatsen", "the page shows the case as saved in tab 1");
    assert_ne!(attributes(&b, "#dossier", "data-version").await, version, "the page has the new version");
    assert!(!b.exists("p.melding.goed").await, "nothing was saved");
    b.axe_check("conflict").await;

    // Submitted again from the refreshed page, the change goes through.
    b.select("form#form-wachtstatus select[name=status]", "wacht_uit_voorzorg").await;
    submit(&b, "form#form-wachtstatus button[type=submit]").await;
    assert_eq!(success(&b).await, "Wachtstatus vastgelegd.");
    assert_eq!(status(&b).await.0, "wacht_uit_voorzorg");

    b.close().await;
}

/// The zorgkantoor writes a note for everyone and one for the professionals on a client who consented to the
/// demo OCO; both appear in the timeline. The OCO sees the first and not the second.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_oco_reads_notes_for_everyone_but_not_for_professionals() {
    let Some(b) = browser("the_oco_reads_notes_for_everyone").await else { return };
    let mut app = spawn_app();
    let base = app.listen().await;
    let client = client_of(&app, "zorgkantoor", "a client who consented to the demo OCO", |summary| {
        summary.oco_consent == Some(DEMO_OCO) && summary.ended_on.is_none()
    })
    .client;
    let for_everyone = "Dochter belt vrijdag terug over de bezichtiging.";
    let for_professionals = "Intern: afstemmen met de dossierhouder over de urgentie.";

    sign_in(&b, &base, "zorgkantoor").await;
    b.goto(&format!("{base}/clienten/{client}")).await;
    for (text, audience) in [(for_everyone, "everyone"), (for_professionals, "professionals")] {
        b.fill("textarea#notitie-tekst", text).await;
        b.select("form#form-notitie select[name=audience]", audience).await;
        submit(&b, "form#form-notitie button[type=submit]").await;
        assert_eq!(success(&b).await, "Notitie geplaatst.");
        // Newest first.
        let notes = texts(&b, "ol.tijdlijn li.notitie .notitie-tekst").await;
        assert_eq!(notes.first().map(String::as_str), Some(text), "{notes:?}");
    }
    let notes = texts(&b, "ol.tijdlijn li.notitie .notitie-tekst").await;
    assert!(notes.iter().any(|note| note == for_everyone) && notes.iter().any(|note| note == for_professionals));
    b.screenshot("notities-zorgkantoor").await;
    sign_out(&b).await;

    // The OCO finds the client among its own and reads only the note for everyone.
    sign_in(&b, &base, "oco").await;
    assert!(clients(&b, "table#clienten tbody tr").await.contains(&client.0), "the consented client is listed");
    submit(&b, &format!("table#clienten tr[data-client='{client}'] a")).await;
    assert_eq!(path(&b).await, format!("/clienten/{client}"));
    let notes = texts(&b, "ol.tijdlijn li.notitie .notitie-tekst").await;
    assert!(notes.iter().any(|note| note == for_everyone), "the OCO reads the note for everyone: {notes:?}");
    assert!(!notes.iter().any(|note| note == for_professionals), "not the one for professionals: {notes:?}");
    assert!(!b.page_source().await.contains(for_professionals));
    // The OCO runs no command: the note form is its only form, and it writes for everyone only.
    assert_eq!(attributes(&b, ".dossier-acties form", "id").await, ["form-notitie"]);
    assert_eq!(attributes(&b, "form#form-notitie select[name=audience] option", "value").await, ["everyone"]);
    b.axe_check("clientdossier-oco").await;

    b.close().await;
}
