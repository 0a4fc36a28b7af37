//! Self-test of the browser harness against two static pages served by a hand-written HTTP/1.1 server.

use std::sync::Arc;

use tokio::net::{TcpListener, TcpStream};

use super::harness::{Browser, browser};

const ACCESSIBLE: &str = r#"<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Wachtlijst</title></head>
<body>
<main>
<h1>Wachtlijst</h1>
<form>
<label for="naam">Naam</label>
<input id="naam" name="naam" type="text">
<button id="zoek" type="button"
  onclick="document.getElementById('uitkomst').textContent = 'Gezocht: ' + document.getElementById('naam').value">
Zoeken</button>
</form>
<p id="uitkomst"></p>
</main>
</body>
</html>
"#;

/// Two serious/critical WCAG violations: an image without a text alternative and an input without a label.
const INACCESSIBLE: &str = r#"<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Ontoegankelijk</title></head>
<body>
<main>
<h1>Ontoegankelijk</h1>
<img src="/logo.png">
<input id="zonder-label" type="text">
</main>
</body>
</html>
"#;

/// Serves `/` (accessible) and `/ontoegankelijk` on a free port; returns the base URL.
async fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
    let base = format!("http://{}", listener.local_addr().expect("local address"));
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let _ = respond(stream).await;
            });
        }
    });
    base
}

async fn respond(stream: TcpStream) -> std::io::Result<()> {
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        stream.readable().await?;
        match stream.try_read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => request.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) => return Err(e),
        }
    }
    let request = String::from_utf8_lossy(&request);
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let (status, body) = match path {
        "/" => ("200 OK", ACCESSIBLE),
        "/ontoegankelijk" => ("200 OK", INACCESSIBLE),
        _ => ("404 Not Found", "<!doctype html><title>Niet gevonden</title>"),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut rest = response.as_bytes();
    while !rest.is_empty() {
        stream.writable().await?;
        match stream.try_write(rest) {
            Ok(n) => rest = &rest[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_harness_smoke() {
    let base = serve().await;
    let Some(b) = browser("browser_harness_smoke").await else { return };

    // Navigation, form helpers, text.
    b.goto(&format!("{base}/")).await;
    assert_eq!(b.title().await, "Wachtlijst");
    b.fill("#naam", "Jansen").await;
    b.click("#zoek").await;
    assert_eq!(b.text("#uitkomst").await, "Gezocht: Jansen");
    assert!(b.page_source().await.contains("<h1>Wachtlijst</h1>"));
    assert!(b.exists("main").await);
    assert!(!b.exists("#bestaat-niet").await);

    // The accessible page passes.
    b.axe_check("toegankelijk").await;

    // A second tab in the same browser.
    let first = b.window().await;
    let second = b.new_window().await;
    b.goto(&format!("{base}/ontoegankelijk")).await;
    b.wait_for("#zonder-label").await;

    // The inaccessible page: the violations are found …
    let violations = b.axe_violations().await;
    let ids: Vec<&str> = violations.iter().map(|v| v.id.as_str()).collect();
    assert!(ids.contains(&"image-alt"), "expected image-alt among {violations:#?}");
    assert!(ids.contains(&"label"), "expected label among {violations:#?}");
    let image_alt = violations.iter().find(|v| v.id == "image-alt").expect("image-alt");
    assert_eq!(image_alt.targets, ["img"]);

    // … and axe_check panics, naming them.
    let b = Arc::new(b);
    let checked = tokio::spawn({
        let b = Arc::clone(&b);
        async move { b.axe_check("ontoegankelijk").await }
    })
    .await;
    let panic = checked.expect_err("axe_check must fail on the inaccessible page").into_panic();
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("image-alt") && message.contains("label"), "unexpected panic message: {message}");
    assert!(message.contains("/ontoegankelijk"), "the message names the URL: {message}");

    // wait_for gives up with a message naming the selector and the URL.
    let waited = tokio::spawn({
        let b = Arc::clone(&b);
        async move {
            b.wait_for("#bestaat-niet").await;
        }
    })
    .await;
    let panic = waited.expect_err("wait_for must fail for a missing element").into_panic();
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("#bestaat-niet") && message.contains("/ontoegankelijk"), "{message}");

    // Back to the first tab, still on the first page.
    b.switch_to_window(&first).await;
    assert!(b.url().await.ends_with('/'), "{}", b.url().await);
    b.switch_to_window(&second).await;
    assert!(b.url().await.ends_with("/ontoegankelijk"));

    // Screenshots: 01-toegankelijk, 02-ontoegankelijk, 03-wait-for-failed, 04-einde.
    let shot = b.screenshot("einde").await;
    assert!(shot.ends_with("browser-tests/browser_harness_smoke/04-einde.png"), "{}", shot.display());
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");

    let b: Browser = Arc::into_inner(b).expect("no other reference left");
    b.close().await;
}

/// Two browsers at once, as for a conflict test with two users: separate profiles, hence separate cookies.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_browsers_have_separate_cookies() {
    let base = serve().await;
    let (Some(a), Some(b)) =
        tokio::join!(browser("two_browsers_have_separate_cookies"), browser("two_browsers_have_separate_cookies"))
    else {
        return;
    };
    a.goto(&format!("{base}/")).await;
    b.goto(&format!("{base}/")).await;
    a.client.execute("document.cookie = 'gebruiker=a; path=/';", vec![]).await.expect("set cookie");
    let cookie_a = a.client.execute("return document.cookie;", vec![]).await.expect("read cookie");
    let cookie_b = b.client.execute("return document.cookie;", vec![]).await.expect("read cookie");
    assert_eq!(cookie_a, "gebruiker=a");
    assert_eq!(cookie_b, "");
    tokio::join!(a.close(), b.close());
}
