//! A complex case in a real browser, run by three roles from the early warning to the hand-over: the zorgkantoor
//! opens it, the dossierhouder finds its tasks under *Mijn taken*, finishes one and declares the current place unfit,
//! the zorgkantoor moves the case on, the dossierhouder records a first registration round, the consented OCO
//! follows the case, and the zorgkantoor hands care over to another provider. axe-core checks the pages.

use passend_domain::case::CaseCommand;
use passend_domain::ids::ClientId;
use passend_store::EventMeta;
use passend_web::Role;
use passend_web::auth::demo::DEMO_OCO;

use super::harness::{actor, browser, path, sign_in, sign_out, submit};
use crate::support::{TODAY, TestApp, spawn_app};

/// A client in care of the `aanbieder` account without a complex case; it consents to the demo OCO.
fn consenting_client(app: &TestApp) -> ClientId {
    let Role::Aanbieder { agb } = actor(app, "aanbieder").role else { panic!("aanbieder is a provider") };
    let passend = &app.state.passend;
    let client = passend
        .projected_summaries()
        .unwrap()
        .into_iter()
        .find(|summary| {
            summary.dossierhouder == Some(agb)
                && summary.ended_on.is_none()
                && passend.complex_cases_of(summary.client).unwrap().is_empty()
        })
        .expect("a client of the provider")
        .client;
    let meta =
        EventMeta { occurred_on: TODAY, recorded_at: jiff::Timestamp::now(), actor: "test".to_string(), reason: None };
    passend.execute(client, &CaseCommand::RecordOcoConsent { oco: Some(DEMO_OCO) }, meta, None).unwrap();
    client
}

#[tokio::test]
async fn three_roles_run_a_complex_case_from_early_warning_to_hand_over() {
    let Some(b) = browser("three_roles_run_a_complex_case_from_early_warning_to_hand_over").await else { return };
    let mut app = spawn_app();
    let client = consenting_client(&app);
    let Role::Aanbieder { agb: other } = actor(&app, "aanbieder2").role else { panic!("aanbieder2 is a provider") };
    let base = app.listen().await;

    // The zorgkantoor opens the case.
    sign_in(&b, &base, "zorgkantoor").await;
    b.goto(&format!("{base}/clienten/{client}")).await;
    submit(&b, "a#complexe-casussen").await;
    b.axe_check("complexe casussen").await;
    assert!(b.exists(&format!("#open-client[value='{client}']")).await, "the dossier's client is filled in");
    b.fill("#open-reasons", "Toenemende agressie; team handelingsverlegen").await;
    submit(&b, "#casus-openen button[type=submit]").await;
    let case_path = path(&b).await;
    assert!(case_path.starts_with("/complexe-casussen/"), "{case_path}");
    assert!(b.text("#stappen li[aria-current=step]").await.contains("Stap 2"));
    b.axe_check("complexe casus").await;
    // Step 2 does not close before the dossierhouder's finding: refused in Dutch, the decision kept.
    b.fill("#stap-besluit", "Op zoek naar een nieuwe plek").await;
    submit(&b, "#stap button[type=submit]").await;
    assert!(b.text("#stap-fout").await.contains("Stap 2 sluit pas"));
    b.axe_check("complexe casus na een weigering").await;
    sign_out(&b).await;

    // The dossierhouder: its tasks, one done, and the finding.
    sign_in(&b, &base, "aanbieder").await;
    b.goto(&format!("{base}/taken")).await;
    b.axe_check("mijn taken").await;
    assert!(b.exists("#taken tr[data-task='2.2']").await, "the early warning is the provider's task");
    b.goto(&format!("{base}{case_path}")).await;
    b.select("#status-2\\.2", "done").await;
    b.fill("#notitie-2\\.2", "Zorgkantoor gebeld").await;
    submit(&b, "tr[data-task='2.2'] button[type=submit]").await;
    assert!(b.text("tr[data-task='2.2']").await.contains("afgerond"));
    b.fill("#niet-passend-toelichting", "Gedragsdeskundige en COT ingezet; blijft onveilig").await;
    submit(&b, "#niet-passend button[type=submit]").await;
    assert!(b.text("#verantwoordelijkheid").await.contains("niet langer passend"));
    sign_out(&b).await;

    // The zorgkantoor moves the case to step 3.
    sign_in(&b, &base, "zorgkantoor").await;
    b.goto(&format!("{base}{case_path}")).await;
    b.fill("#stap-besluit", "Huidige plek past niet meer").await;
    submit(&b, "#stap button[type=submit]").await;
    assert!(b.text("#stappen li[aria-current=step]").await.contains("Stap 3"));
    sign_out(&b).await;

    // The dossierhouder records the first round.
    sign_in(&b, &base, "aanbieder").await;
    b.goto(&format!("{base}{case_path}")).await;
    b.fill("#benaderen-aanbieder", &other.to_string()).await;
    b.fill("#benaderen-informatie", "Persoonsbeeld en woonzorgprofiel").await;
    submit(&b, "#benaderen button[type=submit]").await;
    assert!(b.text("#rondes").await.contains(&other.to_string()));
    sign_out(&b).await;

    // The consented OCO follows the case (and runs none of its decisions).
    sign_in(&b, &base, "oco").await;
    b.goto(&format!("{base}/complexe-casussen")).await;
    assert!(b.exists(&format!("#casussen a[href='{case_path}']")).await, "the OCO sees the case");
    b.goto(&format!("{base}{case_path}")).await;
    assert!(!b.exists("#stap").await && !b.exists("#afsluiten").await);
    b.axe_check("complexe casus voor de OCO").await;
    sign_out(&b).await;

    // The zorgkantoor calls everyone together (step 5, skipping the second round with a reason), organises the
    // meeting and records it, then closes the case: care handed over.
    sign_in(&b, &base, "zorgkantoor").await;
    b.goto(&format!("{base}{case_path}")).await;
    b.fill("#stap-naar", "5").await;
    b.fill("#stap-besluit", "Alle partijen om tafel").await;
    b.fill("#stap-overslaan", "Een tweede ronde heeft in deze regio geen zin").await;
    submit(&b, "#stap button[type=submit]").await;
    assert!(b.text("#stappen li[aria-current=step]").await.contains("Stap 5"));
    b.select("#organisator-partij", "zorgkantoor").await;
    submit(&b, "#organisator button[type=submit]").await;
    b.fill("#bijeenkomst-datum", &TODAY.to_string()).await;
    b.fill("#bijeenkomst-voorzitter", "Teamleider zorgbemiddeling").await;
    b.fill("#bijeenkomst-notulist", "Zorgbemiddelaar").await;
    b.fill("#deelnemer-1", "Manager zorg").await;
    b.fill("#deelnemer-1-organisatie", "Dossierhouder").await;
    b.click("#bijeenkomst-plannen input[name=mandate1]").await;
    submit(&b, "#bijeenkomst-plannen button[type=submit]").await;
    assert!(b.text("#bijeenkomst").await.contains("gepland"));
    assert!(b.text("#verslag-overzicht").await.contains("eerste aanmeldronde"), "the overview is generated");
    b.fill("#verslag-uitkomsten", "Proefplaatsing bij een andere aanbieder").await;
    submit(&b, "#verslag button[type=submit]").await;
    assert!(b.text("#bijeenkomst").await.contains("gehouden"));
    b.axe_check("complexe casus na de bijeenkomst").await;
    b.select("#afsluiten-uitkomst", "care_handed_over").await;
    b.fill("#afsluiten-aanbieder", &other.to_string()).await;
    b.fill("#afsluiten-reden", "Overgedragen na proefplaatsing").await;
    submit(&b, "#afsluiten button[type=submit]").await;
    assert!(b.text("#afgesloten").await.contains("zorg overgedragen"));
    assert!(b.text("#zorgverantwoordelijke").await.contains(&other.to_string()));
    b.close().await;
}

#[tokio::test]
async fn the_zorgkantoor_records_a_signal_contacts_the_party_with_consent_and_closes_it() {
    let Some(b) = browser("the_zorgkantoor_records_a_signal_contacts_the_party_with_consent_and_closes_it").await
    else {
        return;
    };
    let mut app = spawn_app();
    let base = app.listen().await;
    sign_in(&b, &base, "zorgkantoor").await;
    b.goto(&format!("{base}/signalen")).await;
    b.axe_check("signalen, leeg").await;
    b.fill("#nieuw-persoon", "meneer K., 79").await;
    b.fill("#nieuw-melder", "huisarts").await;
    b.fill("#nieuw-onderwerp", "Korsakov, geen plek").await;
    b.select("#nieuw-partij", "zorgkantoor").await;
    b.fill("#nieuw-naam", "Zorgkantoor").await;
    b.click("#signaal-nieuw input[name=asked_first]").await;
    submit(&b, "#signaal-nieuw button[type=submit]").await;
    assert!(b.text("#signaal-1-kop").await.contains("Korsakov"));
    // Contact without the reporter's consent is refused, in Dutch.
    b.fill("#contact-1-wie", "bestuur zorgkantoor").await;
    submit(&b, "#contact-1 button[type=submit]").await;
    assert!(b.text("#contact-1-fout").await.contains("instemt"));
    b.axe_check("signalen na een weigering").await;
    b.fill("#contact-1-wie", "teamleider zorgbemiddeling").await;
    b.click("#contact-1 input[name=consent]").await;
    submit(&b, "#contact-1 button[type=submit]").await;
    assert!(b.text("#signaal-1").await.contains("teamleider zorgbemiddeling"));
    b.fill("#sluiten-1-uitkomst", "Plek gevonden via de tweede aanmeldronde").await;
    submit(&b, "#sluiten-1 button[type=submit]").await;
    assert!(b.text("#signaal-1-uitkomst").await.contains("Plek gevonden"));
    b.axe_check("signalen").await;
    b.close().await;
}
