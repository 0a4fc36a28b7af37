//! `passend demo` and `passend serve` as a user runs them: the server starts,
//! prints its address and accounts, answers, and stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

/// One HTTP/1.1 GET over a plain socket; returns the whole response.
fn get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("the server accepts connections");
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("the server answers");
    response
}

#[test]
fn demo_generates_serves_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_passend"))
        .args(["demo", "--region", "Midden-IJssel", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("passend demo starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = Vec::new();
    let addr = loop {
        let line = lines.next().expect("the demo prints its address").unwrap();
        printed.push(line.clone());
        if let Some(rest) = line.strip_prefix("passend draait op http://") {
            break rest.trim_end_matches('/').to_string();
        }
    };
    loop {
        let line = lines.next().expect("the demo prints how to stop it").unwrap();
        printed.push(line.clone());
        if line.starts_with("Stoppen") {
            break;
        }
    }
    let printed = printed.join("\n");
    for account in ["zorgkantoor", "aanbieder", "oco", "analist"] {
        assert!(printed.contains(&format!("  {account} ")), "no account {account} in:\n{printed}");
    }
    assert!(printed.contains("wachtwoord voor alle: passend-demo"), "{printed}");

    let health = get(&addr, "/healthz");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.to_ascii_lowercase().contains("x-request-id:"), "{health}");
    let login = get(&addr, "/inloggen");
    assert!(login.contains("Inloggen bij passend"), "{login}");

    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "passend demo ended with {exit}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|line| line == "passend is gestopt."), "{rest:?}");
}
