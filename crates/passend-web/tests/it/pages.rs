//! The Dutch pages through the router: every page for every role, the
//! dossier's forms (CSRF, success, domain rejections, conflicts), the
//! waiting list's CSV and htmx fragment.

use axum::body::Body;
use axum::http::{Request, header};
use passend_domain::case::{CaseSummary, Rejection};
use passend_domain::ids::{AgbCode, ClientId};
use passend_store::{EventStore as _, StreamId};
use passend_web::{Actor, Role, policy};

use crate::support::{PASSWORD, TestApp, TestResponse, spawn_app};

/// Signs in through the login form and returns the session cookie.
async fn sign_in(app: &TestApp, username: &str) -> String {
    let body = format!("gebruikersnaam={username}&wachtwoord={PASSWORD}&terug=/");
    let response = app
        .send(
            Request::post("/inloggen")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(response.status, 303, "signing in as {username}: {}", response.text());
    let cookie = response.header("set-cookie").expect("a session cookie");
    cookie.split(';').next().unwrap().to_string()
}

async fn get(app: &TestApp, cookie: &str, path: &str) -> TestResponse {
    app.send(Request::get(path).header(header::COOKIE, cookie).body(Body::empty()).unwrap()).await
}

async fn post(app: &TestApp, cookie: &str, path: &str, fields: &[(&str, &str)]) -> TestResponse {
    let body = serde_urlencoded::to_string(fields).unwrap();
    app.send(
        Request::post(path)
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

/// The value of the first `attribute="…"` after `after` in `html`.
fn attribute_after(html: &str, after: &str, attribute: &str) -> Option<String> {
    let start = html.find(after)?;
    let rest = &html[start..];
    let marker = format!("{attribute}=\"");
    let value_start = rest.find(&marker)? + marker.len();
    let value_end = rest[value_start..].find('"')?;
    Some(rest[value_start..value_start + value_end].to_string())
}

fn csrf(html: &str) -> String {
    attribute_after(html, "name=\"csrf\"", "value").expect("a csrf field")
}

fn version(html: &str) -> String {
    attribute_after(html, "id=\"dossier\"", "data-version").expect("the dossier's version")
}

fn title(html: &str) -> &str {
    let start = html.find("<title>").expect("a title") + "<title>".len();
    &html[start..start + html[start..].find("</title>").unwrap()]
}

/// The part of the page inside the element that starts with `opening`.
fn inside<'a>(html: &'a str, opening: &str, closing: &str) -> &'a str {
    let start = html.find(opening).unwrap_or_else(|| panic!("{opening} is on the page"));
    let end = html[start..].find(closing).map_or(html.len(), |end| start + end);
    &html[start..end]
}

/// The `data-client` numbers of the rows of the table that starts with `opening`.
fn table_clients(html: &str, opening: &str) -> Vec<u32> {
    let table = inside(html, opening, "</table>");
    table.split("<tr data-client=\"").skip(1).map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap()).collect()
}

/// Every `id` on the page once: labels and ARIA references point at one element.
fn assert_unique_ids(html: &str, page: &str) {
    let mut seen = std::collections::HashSet::new();
    for rest in html.split(" id=\"").skip(1) {
        let id = &rest[..rest.find('"').unwrap()];
        assert!(seen.insert(id.to_string()), "{page}: id {id:?} appears twice");
    }
}

fn actor(app: &TestApp, username: &str) -> Actor {
    app.state.accounts.actors().find(|actor| actor.username == username).expect("a demo account").clone()
}

fn agb(actor: &Actor) -> AgbCode {
    match actor.role {
        Role::Aanbieder { agb } => agb,
        _ => panic!("{} is not a provider", actor.username),
    }
}

fn summaries(app: &TestApp) -> Vec<CaseSummary> {
    app.state.passend.projected_summaries().expect("the summaries")
}

fn stream_version(app: &TestApp, client: ClientId) -> u32 {
    app.state.passend.store().stream_version(StreamId::Client(client)).unwrap()
}

/// A client of `provider` (its dossierhouder) whose first contact is still open.
fn open_first_contact(app: &TestApp, provider: AgbCode) -> ClientId {
    summaries(app)
        .into_iter()
        .find(|summary| {
            summary.dossierhouder == Some(provider) && summary.first_contact_on.is_none() && summary.ended_on.is_none()
        })
        .expect("a client with an open first contact")
        .client
}

/// A client of the zorgkantoor's region, not ended, not in a bridging place.
fn ordinary_client(app: &TestApp) -> ClientId {
    let zorgkantoor = actor(app, "zorgkantoor");
    let supply = app.state.passend.supply();
    summaries(app)
        .into_iter()
        .find(|summary| {
            summary.ended_on.is_none()
                && !summary.bridging
                && summary.care_profile.is_some()
                && policy::may_see(&zorgkantoor, summary, &supply).is_ok()
        })
        .expect("an ordinary client")
        .client
}

/// Path, status and page title of the pages of one role.
type Expected = &'static [(&'static str, u16, &'static str)];

#[tokio::test]
async fn every_page_answers_each_role_in_dutch() {
    let app = spawn_app();
    let usernames: Vec<&str> = app.accounts.iter().map(|account| account.username.as_str()).collect();
    assert_eq!(usernames, ["zorgkantoor", "aanbieder", "aanbieder2", "oco", "analist"]);
    let pages: &[(&str, Expected)] = &[
        (
            "zorgkantoor",
            &[
                ("/", 200, "Werkvoorraad"),
                ("/wachtlijst", 200, "Wachtlijst"),
                ("/zoeken", 200, "Zoeken"),
                ("/zoeken?q=van", 200, "Zoeken"),
                ("/cijfers", 200, "Cijfers Midden-IJssel"),
                ("/aanbieder", 403, "Geen toegang"),
            ],
        ),
        (
            "aanbieder",
            &[
                ("/", 200, "Werkvoorraad"),
                ("/wachtlijst", 200, "Wachtlijst"),
                ("/aanbieder", 200, "Mijn locaties"),
                ("/zoeken?q=1", 200, "Zoeken"),
                ("/cijfers", 403, "Geen toegang"),
            ],
        ),
        ("oco", &[("/", 200, "Mijn cliënten"), ("/wachtlijst", 403, "Geen toegang"), ("/zoeken", 200, "Zoeken")]),
        ("analist", &[("/cijfers", 200, "Cijfers Midden-IJssel"), ("/wachtlijst", 403, "Geen toegang")]),
    ];
    for (username, expected) in pages {
        let cookie = sign_in(&app, username).await;
        for (path, status, heading) in *expected {
            let response = get(&app, &cookie, path).await;
            assert_eq!(response.status, *status, "{username} {path}: {}", response.text());
            let html = response.text();
            assert_eq!(title(&html), format!("{heading} – passend"), "{username} {path}");
            assert!(html.contains("<html lang=\"nl\">"), "{username} {path}");
            assert_eq!(html.matches("<h1").count(), 1, "{username} {path} has one h1");
            assert_unique_ids(&html, path);
        }
    }
    let analist = sign_in(&app, "analist").await;
    let response = get(&app, &analist, "/").await;
    assert_eq!((response.status, response.header("location")), (303, Some("/cijfers")));
    let anonymous = app.send(Request::get("/wachtlijst").body(Body::empty()).unwrap()).await;
    assert_eq!(anonymous.status, 303);
    assert_eq!(anonymous.header("location"), Some("/inloggen?terug=%2Fwachtlijst"));
}

#[tokio::test]
async fn the_inbox_lists_alerts_with_names_counts_and_filters() {
    let app = spawn_app();
    let cookie = sign_in(&app, "zorgkantoor").await;
    let html = get(&app, &cookie, "/").await.text();
    assert!(html.contains("<ul class=\"tellers\">"));
    assert!(html.contains("<form id=\"filters\""));
    let clients = table_clients(&html, "<table id=\"signalen\"");
    assert!(!clients.is_empty(), "the zorgkantoor has alerts");
    assert!(html.contains(&format!("<a href=\"/clienten/{}\">", clients[0])));

    let filtered = get(&app, &cookie, "/?signaal=first_contact_overdue").await.text();
    let table = inside(&filtered, "<table id=\"signalen\"", "</table>");
    assert!(table.contains("data-kind=\"first_contact_overdue\""));
    assert!(!table.contains("data-kind=\"no_allocation\""));
    assert!(table.contains("te laat"), "an overdue first contact says how late");

    let response = get(&app, &cookie, "/?signaal=onzin").await;
    assert_eq!(response.status, 422);

    let oco = sign_in(&app, "oco").await;
    let html = get(&app, &oco, "/").await.text();
    assert!(html.contains("id=\"clienten\"") || html.contains("id=\"geen-clienten\""));
}

#[tokio::test]
async fn a_provider_gets_the_403_page_for_another_providers_client() {
    let app = spawn_app();
    let first = actor(&app, "aanbieder");
    let second = actor(&app, "aanbieder2");
    let client = {
        let supply = app.state.passend.supply();
        summaries(&app)
            .into_iter()
            .find(|summary| {
                summary.dossierhouder == Some(agb(&first)) && policy::may_see(&second, summary, &supply).is_err()
            })
            .expect("a client only the first provider sees")
            .client
    };
    let own = sign_in(&app, "aanbieder").await;
    assert_eq!(get(&app, &own, &format!("/clienten/{client}")).await.status, 200);
    let other = sign_in(&app, "aanbieder2").await;
    let response = get(&app, &other, &format!("/clienten/{client}")).await;
    assert_eq!(response.status, 403);
    let html = response.text();
    assert!(html.contains("<h1>Geen toegang</h1>"));
    assert!(html.contains("U heeft geen toegang tot deze cliënt."));
    assert_eq!(get(&app, &other, "/clienten/999999").await.status, 404);
}

#[tokio::test]
async fn a_form_without_the_right_csrf_token_records_nothing() {
    let app = spawn_app();
    let provider = agb(&actor(&app, "aanbieder"));
    let client = open_first_contact(&app, provider);
    let before = stream_version(&app, client);
    let cookie = sign_in(&app, "aanbieder").await;
    let path = format!("/clienten/{client}/eerste-contact");
    let version = before.to_string();
    let without = post(&app, &cookie, &path, &[("version", &version)]).await;
    assert_eq!(without.status, 403, "{}", without.text());
    let wrong = post(&app, &cookie, &path, &[("csrf", "geraden"), ("version", &version)]).await;
    assert_eq!(wrong.status, 403);
    assert!(wrong.text().contains("Dit formulier is verlopen"));
    assert_eq!(stream_version(&app, client), before, "nothing was recorded");
}

#[tokio::test]
async fn registering_first_contact_records_the_event_and_shows_it() {
    let app = spawn_app();
    let provider = agb(&actor(&app, "aanbieder"));
    let client = open_first_contact(&app, provider);
    let cookie = sign_in(&app, "aanbieder").await;
    let page = get(&app, &cookie, &format!("/clienten/{client}")).await.text();
    assert_unique_ids(&page, "dossier");
    assert!(page.contains("<form id=\"form-eerste-contact\""));
    assert!(page.contains("<ol class=\"tijdlijn\""));
    assert!(!page.contains("data-kind=\"first_contact_registered\""));
    let (token, loaded) = (csrf(&page), version(&page));
    let response = post(
        &app,
        &cookie,
        &format!("/clienten/{client}/eerste-contact"),
        &[
            ("csrf", &token),
            ("version", &loaded),
            ("provider", &provider.to_string()),
            ("reason", "Gebeld met de dochter"),
        ],
    )
    .await;
    assert_eq!(response.status, 303, "{}", response.text());
    let location = response.header("location").unwrap().to_string();
    assert_eq!(location, format!("/clienten/{client}?gelukt=eerste-contact"));
    let html = get(&app, &cookie, &location).await.text();
    assert!(html.contains("<p class=\"melding goed\" role=\"status\">Eerste contact vastgelegd.</p>"));
    let timeline = inside(&html, "<ol class=\"tijdlijn\"", "</ol>");
    assert!(timeline.contains("data-kind=\"first_contact_registered\""));
    assert!(timeline.contains("Gebeld met de dochter"));
    assert!(!html.contains("<form id=\"form-eerste-contact\""), "nothing left to register");
    assert_eq!(stream_version(&app, client).to_string(), version(&html));
}

#[tokio::test]
async fn the_provider_page_registers_first_contact_inline_and_returns() {
    let app = spawn_app();
    let cookie = sign_in(&app, "aanbieder").await;
    let html = get(&app, &cookie, "/aanbieder").await.text();
    assert!(html.contains("class=\"locatie-wachtlijst\" data-location=\""));
    let intake = table_clients(&html, "<table id=\"intake\"");
    let client = intake[0];
    let form = inside(&html, &format!("action=\"/clienten/{client}/eerste-contact\""), "</form>");
    let version = attribute_after(form, "name=\"version\"", "value").unwrap();
    let provider = attribute_after(form, "name=\"provider\"", "value").unwrap();
    let response = post(
        &app,
        &cookie,
        &format!("/clienten/{client}/eerste-contact"),
        &[("csrf", &csrf(&html)), ("version", &version), ("provider", &provider), ("terug", "/aanbieder")],
    )
    .await;
    assert_eq!(response.header("location"), Some("/aanbieder?gelukt=eerste-contact"));
    let after = get(&app, &cookie, "/aanbieder?gelukt=eerste-contact").await.text();
    assert!(after.contains("Eerste contact vastgelegd."));
    assert!(!table_clients(&after, "<table id=\"intake\"").contains(&client) || intake.len() == 1);
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_that_shows_the_current_case() {
    let app = spawn_app();
    let client = ordinary_client(&app);
    let cookie = sign_in(&app, "zorgkantoor").await;
    let page = get(&app, &cookie, &format!("/clienten/{client}")).await.text();
    let (token, stale) = (csrf(&page), version(&page));
    let path = format!("/clienten/{client}/wachtstatus");
    let fields = [("csrf", token.as_str()), ("version", stale.as_str()), ("status", "actief_plaatsen")];
    let first = post(&app, &cookie, &path, &fields).await;
    assert_eq!(first.status, 303, "{}", first.text());
    // The second tab still has the old version.
    let second =
        post(&app, &cookie, &path, &[("csrf", &token), ("version", &stale), ("status", "urgent_plaatsen")]).await;
    assert_eq!(second.status, 409);
    let html = second.text();
    assert!(html.contains("<p class=\"melding fout\" data-kind=\"conflict\" role=\"alert\">Dit dossier is intussen gewijzigd, door een collega of in een ander venster."));
    assert_eq!(version(&html), stream_version(&app, client).to_string(), "the page shows the new version");
    assert!(inside(&html, "id=\"status\"", "</dd>").contains("Actief plaatsen"));
}

#[tokio::test]
async fn a_rejected_command_shows_the_domains_message_inside_its_form() {
    let app = spawn_app();
    let client = ordinary_client(&app);
    let before = stream_version(&app, client);
    let cookie = sign_in(&app, "zorgkantoor").await;
    let page = get(&app, &cookie, &format!("/clienten/{client}")).await.text();
    let response = post(
        &app,
        &cookie,
        &format!("/clienten/{client}/tevreden"),
        &[("csrf", &csrf(&page)), ("version", &version(&page))],
    )
    .await;
    assert_eq!(response.status, 422);
    let html = response.text();
    let form = inside(&html, "<form id=\"form-tevreden\"", "</form>");
    let message = Rejection::NotBridgingAndWaiting.message_nl();
    assert!(
        form.contains(&format!("<p class=\"melding fout\" role=\"alert\" data-kind=\"fout\">{message}</p>")),
        "{form}"
    );
    assert!(html.contains("<ol class=\"tijdlijn\""), "the rest of the dossier stays");
    assert_eq!(stream_version(&app, client), before);

    // A value that does not parse names its field, inside its form.
    let response = post(
        &app,
        &cookie,
        &format!("/clienten/{client}/wachtstatus"),
        &[("csrf", &csrf(&page)), ("version", &version(&page)), ("status", "bijna"), ("reason", "blijft staan")],
    )
    .await;
    assert_eq!(response.status, 422);
    let html = response.text();
    let form = inside(&html, "<form id=\"form-wachtstatus\"", "</form>");
    assert!(form.contains("role=\"alert\" data-kind=\"fout\">Wachtstatus: &#34;bijna&#34; is ongeldig"), "{form}");
    assert!(form.contains("value=\"blijft staan\""), "what was typed stays");
}

#[tokio::test]
async fn a_provider_may_not_record_for_another_dossierhouder() {
    let app = spawn_app();
    let second = actor(&app, "aanbieder2");
    let found = {
        let supply = app.state.passend.supply();
        summaries(&app).into_iter().find(|summary| {
            summary.ended_on.is_none()
                && summary.dossierhouder != Some(agb(&second))
                && policy::may_see(&second, summary, &supply).is_ok()
        })
    };
    let summary = found.expect("a client the second provider sees but does not hold");
    let cookie = sign_in(&app, "aanbieder2").await;
    let page = get(&app, &cookie, &format!("/clienten/{}", summary.client)).await.text();
    assert!(!page.contains("<form id=\"form-wachtstatus\""), "the policy would refuse: no form");
    let response = post(
        &app,
        &cookie,
        &format!("/clienten/{}/wachtstatus", summary.client),
        &[("csrf", &csrf(&page)), ("version", &version(&page)), ("status", "actief_plaatsen")],
    )
    .await;
    assert_eq!(response.status, 403);
    assert!(response.text().contains("Alleen de dossierhouder kan dit doen."));
}

#[tokio::test]
async fn a_note_appears_in_the_timeline_with_its_thread() {
    let app = spawn_app();
    let client = ordinary_client(&app);
    let cookie = sign_in(&app, "zorgkantoor").await;
    let page = get(&app, &cookie, &format!("/clienten/{client}")).await.text();
    assert_unique_ids(&page, "dossier");
    for form in ["wachtstatus", "aanbod", "opname", "tevreden", "toewijzing", "indicatie", "besluit-zorgweigering"] {
        assert!(page.contains(&format!("<form id=\"form-{form}\"")), "the zorgkantoor has form {form}");
    }
    for form in ["einde-zorg", "oco-toestemming", "notitie"] {
        assert!(page.contains(&format!("<form id=\"form-{form}\"")), "the zorgkantoor has form {form}");
    }
    assert!(!page.contains("<form id=\"form-zorgweigering\""), "only the dossierhouder asks to refuse care");
    assert!(page.contains("<select id=\"wachtstatus\" name=\"status\""));
    assert!(page.contains("<select id=\"classificatie\" name=\"classification\""));
    assert!(page.contains("<textarea id=\"notitie-tekst\" name=\"text\""));
    let path = format!("/clienten/{client}/notities");
    let token = csrf(&page);
    let first =
        post(&app, &cookie, &path, &[("csrf", &token), ("text", "Dochter belt terug."), ("audience", "everyone")])
            .await;
    assert_eq!(first.status, 303);
    assert_eq!(first.header("location"), Some(format!("/clienten/{client}?gelukt=notitie").as_str()));
    let html = get(&app, &cookie, &format!("/clienten/{client}")).await.text();
    let note = attribute_after(&html, "<li class=\"notitie\"", "data-note").unwrap();
    let reply = post(
        &app,
        &cookie,
        &path,
        &[("csrf", &token), ("text", "Teruggebeld."), ("audience", "zorgkantoor"), ("reply_to", &note)],
    )
    .await;
    assert_eq!(reply.status, 303);
    let html = get(&app, &cookie, &format!("/clienten/{client}")).await.text();
    assert!(html.contains(&format!("reactie op notitie {note}")));
    assert!(html.contains("Dochter belt terug."));
    let empty = post(&app, &cookie, &path, &[("csrf", &token), ("text", "  ")]).await;
    assert_eq!(empty.status, 422);
    assert!(inside(&empty.text(), "<form id=\"form-notitie\"", "</form>").contains("De notitie is leeg."));
}

#[tokio::test]
async fn the_csv_has_the_rows_and_columns_of_the_page() {
    let app = spawn_app();
    let cookie = sign_in(&app, "zorgkantoor").await;
    let query = "?sorteer=name&pagina=2";
    let html = get(&app, &cookie, &format!("/wachtlijst{query}")).await.text();
    let rows = table_clients(&html, "<table id=\"wachtlijst\"");
    assert_eq!(rows.len(), 50, "a full second page");
    let csv_href = attribute_after(&html, "id=\"csv\"", "href").unwrap().replace("&#38;", "&");
    assert_eq!(csv_href, "/wachtlijst.csv?sorteer=name&pagina=2");
    let response = get(&app, &cookie, &csv_href).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(response.header("content-disposition").unwrap().starts_with("attachment"));
    let mut reader = csv::Reader::from_reader(response.body.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.len(),
        inside(&html, "<table id=\"wachtlijst\"", "</thead>").matches("<th scope=\"col\"").count()
    );
    let csv_rows: Vec<u32> = reader.records().map(|record| record.unwrap()[0].parse().unwrap()).collect();
    assert_eq!(csv_rows, rows);

    let total: usize = attribute_after(&html, "<p id=\"totaal\">", "data-total").unwrap().parse().unwrap();
    assert!(total > 50);
    let page_two = get(&app, &cookie, "/wachtlijst?status=urgent_plaatsen&overbrugging=nee").await.text();
    assert!(inside(&page_two, "<table id=\"wachtlijst\"", "</table>").matches("<tr data-client=").count() > 0);
}

#[tokio::test]
async fn htmx_gets_the_table_region_only() {
    let app = spawn_app();
    let cookie = sign_in(&app, "zorgkantoor").await;
    let response = app
        .send(
            Request::get("/wachtlijst?sector=VV")
                .header(header::COOKIE, &cookie)
                .header("HX-Request", "true")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(response.status, 200);
    let html = response.text();
    assert!(!html.contains("<html"));
    assert!(html.contains("<table id=\"wachtlijst\""));
    assert!(html.contains("id=\"csv\" class=\"knop secundair\" href=\"/wachtlijst.csv?sector=VV\""));
    let full = get(&app, &cookie, "/wachtlijst?sector=VV").await.text();
    assert!(full.contains("hx-get=\"/wachtlijst\" hx-target=\"#wachtlijst-resultaat\" hx-push-url=\"true\""));
    assert_eq!(table_clients(&full, "<table id=\"wachtlijst\""), table_clients(&html, "<table id=\"wachtlijst\""));
}

#[tokio::test]
async fn a_location_list_and_search_stay_within_the_scope() {
    let app = spawn_app();
    let provider = actor(&app, "aanbieder");
    let location = app
        .state
        .passend
        .supply()
        .locations()
        .find(|location| location.provider == agb(&provider))
        .map(|location| location.id)
        .expect("a location of the provider");
    let cookie = sign_in(&app, "aanbieder").await;
    let html = get(&app, &cookie, &format!("/wachtlijst?locatie={location}")).await.text();
    let clients = table_clients(&html, "<table id=\"wachtlijst\"");
    assert!(!clients.is_empty(), "someone waits for the provider's first location");
    {
        let supply = app.state.passend.supply();
        for client in clients {
            let summary = app.state.passend.summary(ClientId(client)).unwrap().unwrap();
            assert!(policy::may_see(&provider, &summary, &supply).is_ok());
            assert!(summary.waits_for(passend_domain::case::ListTarget::Location(location)));
        }
    }

    let client = ordinary_client(&app);
    let zorgkantoor = sign_in(&app, "zorgkantoor").await;
    let html = get(&app, &zorgkantoor, &format!("/zoeken?q={client}")).await.text();
    assert_eq!(table_clients(&html, "<table id=\"zoekresultaten\""), vec![client.0]);
    let oco = sign_in(&app, "oco").await;
    let html = get(&app, &oco, &format!("/zoeken?q={client}")).await.text();
    let consented = app.state.passend.summary(client).unwrap().unwrap().oco_consent.is_some();
    assert_eq!(html.contains("id=\"zoekresultaten\""), consented);

    let figures = get(&app, &zorgkantoor, "/cijfers").await.text();
    assert!(figures.contains("<table id=\"cijfers\">"));
    assert!(!figures.contains("/clienten/"), "no personal data");
}

/// The supply and matching pages answer every role in Dutch, with one h1 and unique ids.
#[tokio::test]
async fn the_matching_pages_answer_each_role() {
    let app = spawn_app();
    let own_location = {
        let provider = agb(&actor(&app, "aanbieder"));
        let supply = app.state.passend.supply();
        supply.locations().find(|location| location.provider == provider).expect("a location of aanbieder").id
    };
    let candidates = format!("/locaties/{own_location}/kandidaten");
    let pages: &[(&str, &[(&str, u16)])] = &[
        ("zorgkantoor", &[("/aanbod", 200), ("/aanbod?vrij=ja&crisis=ja&pagina=2", 200), ("/voorstel", 200)]),
        ("aanbieder", &[("/aanbod", 200), ("/voorstel", 403), (candidates.as_str(), 200)]),
        ("aanbieder2", &[(candidates.as_str(), 403)]),
        ("oco", &[("/aanbod", 200), ("/voorstel", 403), (candidates.as_str(), 403)]),
        ("analist", &[("/aanbod?sector=VV", 200), ("/voorstel", 403)]),
    ];
    for (username, expected) in pages {
        let cookie = sign_in(&app, username).await;
        for (path, status) in *expected {
            let response = get(&app, &cookie, path).await;
            assert_eq!(response.status, *status, "{username} {path}: {}", response.text());
            let html = response.text();
            assert!(html.contains("<html lang=\"nl\">"), "{username} {path}");
            assert_eq!(html.matches("<h1").count(), 1, "{username} {path} has one h1");
            assert_unique_ids(&html, path);
        }
    }
    let zorgkantoor = sign_in(&app, "zorgkantoor").await;
    assert_eq!(title(&get(&app, &zorgkantoor, "/voorstel").await.text()), "Voorstel Midden-IJssel – passend");
    // The entrances: Plek zoeken from a waiting client's dossier, Kandidaten from the provider page.
    let client = ordinary_client(&app);
    let waiting = summaries(&app).into_iter().find(|summary| summary.client == client).unwrap().status.is_some();
    let dossier = get(&app, &zorgkantoor, &format!("/clienten/{client}")).await.text();
    assert_eq!(dossier.contains(&format!("href=\"/clienten/{client}/plekken\"")), waiting, "client {client}");
    let provider = sign_in(&app, "aanbieder").await;
    let provider_page = get(&app, &provider, "/aanbieder").await.text();
    assert!(provider_page.contains(&format!("href=\"{candidates}\"")), "the provider page links its candidates");
    let bad = get(&app, &zorgkantoor, "/aanbod?zorgprofiel=12XX").await;
    assert_eq!(bad.status, 422);
    assert!(bad.text().contains("Filter zorgprofiel"), "{}", bad.text());
    // Another region's proposal is not the zorgkantoor's to see.
    let other = get(&app, &zorgkantoor, "/voorstel?regio=Utrecht").await;
    assert_eq!(other.status, 403, "{}", other.text());
}

/// Aanbod's filters keep the locations that have what was asked for; the register is paged by 50.
#[tokio::test]
async fn the_supply_filters_keep_what_was_asked_for() {
    let app = spawn_app();
    let cookie = sign_in(&app, "zorgkantoor").await;
    let (all, with_free, with_crisis) = {
        let supply = app.state.passend.supply();
        let report = |location: &passend_domain::supply::Location| supply.free_places(location.id).cloned();
        let all = supply.locations().count();
        let with_free = supply.locations().filter(|l| report(l).is_some_and(|r| r.free > 0)).count();
        let with_crisis = supply
            .locations()
            .filter(|l| report(l).and_then(|r| r.free_crisis_beds).is_some_and(|free| free > 0))
            .count();
        (all, with_free, with_crisis)
    };
    assert!(with_free > 0 && with_free < all, "the test data has locations with and without free places");
    for (path, expected) in [("/aanbod", all), ("/aanbod?vrij=ja", with_free), ("/aanbod?crisis=ja", with_crisis)] {
        let html = get(&app, &cookie, path).await.text();
        let total = attribute_after(&html, "id=\"totaal\"", "data-total").expect("the total");
        assert_eq!(total, expected.to_string(), "{path}");
        let rows = inside(&html, "<table id=\"aanbod\"", "</table>").matches("<tr data-location=").count();
        assert_eq!(rows, expected.min(50), "{path}: one page");
        assert_eq!(html.matches("<circle").count(), expected, "{path}: a dot on the map per location");
    }
}

/// A provider reports only for its own locations; a count that is not a number is refused inside the form and a
/// count above the capacity with the domain's message; nothing is recorded either way. Reopening a closed list works.
#[tokio::test]
async fn free_places_are_reported_only_for_own_locations_and_only_when_they_fit() {
    let app = spawn_app();
    let provider = agb(&actor(&app, "aanbieder"));
    let (own, others, capacity) = {
        let supply = app.state.passend.supply();
        let own = supply.locations().find(|location| location.provider == provider).expect("an own location");
        let others = supply.locations().find(|location| location.provider != provider).expect("another location");
        (own.id, others.id, own.capacity)
    };
    let before = |location| app.state.passend.supply().free_places(location).cloned();
    let (own_before, others_before) = (before(own), before(others));
    let cookie = sign_in(&app, "aanbieder").await;
    let csrf = csrf(&get(&app, &cookie, "/aanbod").await.text());

    let foreign =
        post(&app, &cookie, &format!("/aanbod/{others}/vrije-plaatsen"), &[("csrf", &csrf), ("free", "1")]).await;
    assert_eq!(foreign.status, 403, "{}", foreign.text());
    assert!(foreign.text().contains("niet een van uw eigen locaties"));
    assert_eq!(before(others), others_before);

    let path = format!("/aanbod/{own}/vrije-plaatsen");
    let not_a_number = post(&app, &cookie, &path, &[("csrf", &csrf), ("free", "veel")]).await;
    assert_eq!(not_a_number.status, 422);
    let form = inside(&not_a_number.text(), &format!("id=\"vrij-{own}-kop\""), "</form>").to_string();
    assert!(form.contains("Vrije plaatsen:") && form.contains("is geen heel getal van 0 of meer."), "{form}");
    assert!(form.contains("value=\"veel\""), "the sent value is put back");
    let too_many = (capacity + 1).to_string();
    let above = post(&app, &cookie, &path, &[("csrf", &csrf), ("free", &too_many)]).await;
    assert_eq!(above.status, 422);
    assert!(above.text().contains("Controleer de aantallen."), "{}", above.text());
    assert_eq!(before(own), own_before, "nothing was recorded");

    let without_csrf = post(&app, &cookie, &path, &[("free", "1")]).await;
    assert_eq!(without_csrf.status, 403);
    assert_eq!(before(own), own_before);

    // Close with a reason, then reopen.
    let close =
        post(&app, &cookie, &format!("/aanbod/{own}/wachtlijst-sluiten"), &[("csrf", &csrf), ("reason", "Verbouwing")])
            .await;
    assert_eq!(close.status, 303, "{}", close.text());
    assert!(app.state.passend.supply().waiting_list_closure(own).is_some());
    let reopen = post(&app, &cookie, &format!("/aanbod/{own}/wachtlijst-openen"), &[("csrf", &csrf)]).await;
    assert_eq!(reopen.status, 303, "{}", reopen.text());
    assert_eq!(reopen.header("location"), Some(format!("/aanbod?gelukt=wachtlijst-openen#locatie-{own}").as_str()));
    assert!(app.state.passend.supply().waiting_list_closure(own).is_none());
    let shown = get(&app, &cookie, "/aanbod?gelukt=wachtlijst-openen").await.text();
    assert!(shown.contains("Wachtlijst heropend."));
}

/// Plek zoeken: a client who is not waiting gets a Dutch sentence instead of places; a client the actor may not see
/// is the 403 page.
#[tokio::test]
async fn place_search_explains_a_client_who_is_not_waiting_and_guards_the_client() {
    let app = spawn_app();
    let zorgkantoor = actor(&app, "zorgkantoor");
    let other = actor(&app, "aanbieder2");
    let (not_waiting, private) = {
        let supply = app.state.passend.supply();
        let mut all = summaries(&app);
        all.sort_by_key(|summary| summary.client);
        let not_waiting = all
            .iter()
            .find(|s| s.status.is_none() && policy::may_see(&zorgkantoor, s, &supply).is_ok())
            .expect("a client who is not waiting")
            .client;
        let private = all
            .iter()
            .find(|s| s.status.is_some() && policy::may_see(&other, s, &supply).is_err())
            .expect("a client aanbieder2 may not see")
            .client;
        (not_waiting, private)
    };
    let cookie = sign_in(&app, "zorgkantoor").await;
    let response = get(&app, &cookie, &format!("/clienten/{not_waiting}/plekken")).await;
    assert_eq!(response.status, 200, "{}", response.text());
    let html = response.text();
    assert!(inside(&html, "id=\"wacht-niet\"", "</p>").contains("wacht niet op een plaats"), "{html}");
    assert!(!html.contains("id=\"plekken\""));

    let provider = sign_in(&app, "aanbieder2").await;
    let refused = get(&app, &provider, &format!("/clienten/{private}/plekken")).await;
    assert_eq!(refused.status, 403);
    assert!(refused.text().contains("U heeft geen toegang tot deze cliënt."));
    assert_eq!(get(&app, &cookie, "/clienten/999999999/plekken").await.status, 404);
}

/// Each of a provider's own locations says whether its report still holds, by the policy's staleness term.
#[tokio::test]
async fn own_locations_say_whether_their_report_is_fresh() {
    let app = spawn_app();
    let provider = agb(&actor(&app, "aanbieder"));
    let stale: std::collections::BTreeMap<_, _> = app
        .state
        .passend
        .stale_free_places(crate::support::TODAY)
        .into_iter()
        .map(|report| (report.location, report.age_days))
        .collect();
    let expected: Vec<(u32, String)> = {
        let supply = app.state.passend.supply();
        supply
            .locations()
            .filter(|location| location.provider == provider)
            .map(|location| {
                let freshness = match (supply.free_places(location.id), stale.get(&location.id)) {
                    (None, _) => "geen melding".to_string(),
                    (Some(_), Some(age)) => format!("verouderd, {age} dagen oud"),
                    (Some(_), None) => "actueel".to_string(),
                };
                (location.id.0, freshness)
            })
            .collect()
    };
    assert!(
        expected.iter().any(|(_, freshness)| freshness.starts_with("verouderd")),
        "the test data has a stale report"
    );
    let cookie = sign_in(&app, "aanbieder").await;
    let html = get(&app, &cookie, "/aanbod").await.text();
    for (location, freshness) in expected {
        let section = inside(&html, &format!("id=\"locatie-{location}\""), "</dl>");
        assert!(section.contains(&format!("\">{freshness}</span>")), "location {location}: {freshness}\n{section}");
    }
}

#[tokio::test]
async fn overdue_tasks_of_complex_cases_reach_the_werkvoorraad_of_the_responsible_organisation() {
    use passend_domain::complex_case::Opener;
    use passend_store::EventMeta;

    let app = spawn_app();
    let provider = agb(&actor(&app, "aanbieder"));
    let client = summaries(&app)
        .into_iter()
        .find(|summary| {
            summary.dossierhouder == Some(provider)
                && summary.ended_on.is_none()
                && app.state.passend.complex_cases_of(summary.client).unwrap().is_empty()
        })
        .expect("a client of the provider without a complex case")
        .client;
    // Opened a month ago: the early warning (task 2.2, five days) is overdue.
    let opened_on = crate::support::TODAY.checked_sub(jiff::Span::new().days(30)).unwrap();
    let meta = EventMeta {
        occurred_on: opened_on,
        recorded_at: jiff::Timestamp::now(),
        actor: "zorgkantoor:test".to_string(),
        reason: None,
    };
    let case = app.state.passend.open_complex_case(client, Opener::Zorgkantoor, "Agressie", meta).unwrap();

    let cookie = sign_in(&app, "aanbieder").await;
    let html = get(&app, &cookie, "/").await.text();
    let table = inside(&html, "<table id=\"te-late-taken\"", "</table>");
    assert!(table.contains(&format!("data-case=\"{case}\" data-task=\"2.2\"")), "{table}");
    assert!(table.contains("Vroegtijdig het zorgkantoor informeren"), "the task in Dutch");
    assert!(!table.contains("data-task=\"2.1\""), "2.1 is the zorgkantoor's task");
    assert_unique_ids(&html, "/");

    let other = sign_in(&app, "aanbieder2").await;
    let html = get(&app, &other, "/").await.text();
    assert!(!html.contains(&format!("data-case=\"{case}\"")), "another provider holds none of these tasks");
}

/// A client of the `aanbieder` account in care, without a complex case.
fn client_for_complex_case(app: &TestApp) -> ClientId {
    let provider = agb(&actor(app, "aanbieder"));
    summaries(app)
        .into_iter()
        .find(|summary| {
            summary.dossierhouder == Some(provider)
                && summary.ended_on.is_none()
                && app.state.passend.complex_cases_of(summary.client).unwrap().is_empty()
        })
        .expect("a client of the provider without a complex case")
        .client
}

#[tokio::test]
async fn a_complex_case_is_opened_worked_and_refused_in_dutch_on_its_pages() {
    let app = spawn_app();
    let client = client_for_complex_case(&app);
    let zorgkantoor = sign_in(&app, "zorgkantoor").await;
    let list = get(&app, &zorgkantoor, "/complexe-casussen").await;
    assert_eq!(list.status, 200);
    let html = list.text();
    assert!(html.contains("<form id=\"casus-openen\""));
    let opened = post(
        &app,
        &zorgkantoor,
        "/complexe-casussen",
        &[("csrf", &csrf(&html)), ("client", &client.to_string()), ("reasons", "Agressie neemt toe")],
    )
    .await;
    assert_eq!(opened.status, 303, "{}", opened.text());
    let location = opened.header("location").unwrap().to_string();
    let case_page = get(&app, &zorgkantoor, &location).await;
    assert_eq!(case_page.status, 200);
    let html = case_page.text();
    assert_eq!(
        title(&html).split(" – ").next(),
        Some(location.replace("/complexe-casussen/", "Complexe casus ").as_str())
    );
    assert!(html.contains("aria-current=\"step\""));
    assert!(html.contains("Vroegtijdig het zorgkantoor informeren"), "tasks in Dutch");
    assert_unique_ids(&html, &location);

    // Advancing past step 2 without the dossierhouder's finding is refused in Dutch, the form kept.
    let version = attribute_after(&html, "id=\"casus-kop\"", "data-version").unwrap();
    let refused = post(
        &app,
        &zorgkantoor,
        &format!("{location}/stap"),
        &[("csrf", &csrf(&html)), ("versie", &version), ("to", "3"), ("decision", "Zoeken naar nieuwe plek")],
    )
    .await;
    assert_eq!(refused.status, 422);
    let refused = refused.text();
    assert!(inside(&refused, "id=\"stap-fout\"", "</p>").contains("Stap 2 sluit pas"));
    assert!(refused.contains("value=\"Zoeken naar nieuwe plek\""), "what was typed stays");

    // The provider holds its tasks, under Mijn taken and on the case.
    let aanbieder = sign_in(&app, "aanbieder").await;
    let tasks = get(&app, &aanbieder, "/taken").await.text();
    assert!(tasks.contains("data-task=\"2.2\""), "{tasks}");
    let html = get(&app, &aanbieder, &location).await.text();
    assert!(html.contains("<form id=\"niet-passend\""));
    assert!(!html.contains("<form id=\"afsluiten\""), "closing is the zorgkantoor's");
    let done = post(
        &app,
        &aanbieder,
        &format!("{location}/taak"),
        &[("csrf", &csrf(&html)), ("versie", "1"), ("task", "2.2"), ("status", "done"), ("note", "Gebeld")],
    )
    .await;
    assert_eq!(done.status, 409, "a stale version is refused: {}", done.text());
    assert!(inside(&done.text(), "id=\"taak-fout\"", "</p>").contains("gewijzigd"));
    let version = attribute_after(&html, "id=\"casus-kop\"", "data-version").unwrap();
    let fields = [
        ("csrf", csrf(&html)),
        ("versie", version),
        ("task", "2.2".into()),
        ("status", "done".into()),
        ("note", "Gebeld".into()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(key, value)| (*key, value.as_str())).collect();
    let done = post(&app, &aanbieder, &format!("{location}/taak"), &fields).await;
    assert_eq!(done.status, 303, "{}", done.text());
    let html = get(&app, &aanbieder, &location).await.text();
    assert!(inside(&html, "data-task=\"2.2\"", "</tr>").contains("afgerond"));

    // Others: no access.
    let other = sign_in(&app, "aanbieder2").await;
    assert_eq!(get(&app, &other, &location).await.status, 403);
    let analist = sign_in(&app, "analist").await;
    assert_eq!(get(&app, &analist, "/complexe-casussen").await.status, 403);
    assert_eq!(get(&app, &zorgkantoor, "/complexe-casussen/999").await.status, 404);
}

#[tokio::test]
async fn the_signals_register_is_kept_by_the_zorgkantoor_with_its_refusals_in_dutch() {
    let app = spawn_app();
    let zorgkantoor = sign_in(&app, "zorgkantoor").await;
    let html = get(&app, &zorgkantoor, "/signalen").await.text();
    let token = csrf(&html);
    let empty = post(
        &app,
        &zorgkantoor,
        "/signalen",
        &[("csrf", &token), ("person", "mevrouw J."), ("domain", "wlz"), ("responsible", "zorgkantoor")],
    )
    .await;
    assert_eq!(empty.status, 422);
    let empty = empty.text();
    assert!(inside(&empty, "id=\"nieuw-fout\"", "</p>").contains("Vul"), "{empty}");
    assert!(empty.contains("value=\"mevrouw J.\""), "what was typed stays");
    let fields = [
        ("csrf", token.as_str()),
        ("person", "mevrouw J."),
        ("reporter", "ziekenhuis"),
        ("topic", "Geen plek na ontslag"),
        ("domain", "wlz"),
        ("responsible", "zorgkantoor"),
        ("responsible_name", "Zorgkantoor"),
        ("asked_first", "ja"),
    ];
    assert_eq!(post(&app, &zorgkantoor, "/signalen", &fields).await.status, 303);
    let html = get(&app, &zorgkantoor, "/signalen").await.text();
    assert!(inside(&html, "<table id=\"patronen\"", "</table>").contains("geen plek na ontslag"));
    let refused = post(&app, &zorgkantoor, "/signalen/1/contact", &[("csrf", &token), ("contact", "bestuur")]).await;
    assert_eq!(refused.status, 422);
    assert!(inside(&refused.text(), "id=\"contact-1-fout\"", "</p>").contains("instemt"));
    let closed = post(&app, &zorgkantoor, "/signalen/1/sluiten", &[("csrf", &token), ("outcome", "Opgelost")]).await;
    assert_eq!(closed.status, 303);
    assert!(get(&app, &zorgkantoor, "/signalen").await.text().contains("Afgesloten: Opgelost"));
    assert_unique_ids(&html, "/signalen");

    let aanbieder = sign_in(&app, "aanbieder").await;
    assert_eq!(get(&app, &aanbieder, "/signalen").await.status, 403);
}
