//! `passend bench web --db FILE`: the web application under load, measured
//! by `wrk` (Debian package `wrk`) against a `passend serve` process of its own.
//!
//! Two routes are loaded in turn, each at 64 connections by default:
//! - the region waiting list of the API, filtered (status and sector), 50 rows;
//! - the client-case API, rotating over the clients of that list.
//!
//! Printed per route: requests per second and the 50th and 99th percentile
//! latency as wrk measures them, against the targets of the web issue
//! (≥ 5,000 req/s and p99 ≤ 25 ms for the waiting list), and the server's
//! peak resident memory (target ≤ 1 GiB with the national data).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{Context as _, bail};
use clap::Args;
use serde::Serialize;

#[derive(Debug, Args)]
pub struct WebBenchArgs {
    /// The database to serve, e.g. the nation from `passend generate --nation`.
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// Concurrent connections.
    #[arg(long, default_value_t = 64)]
    pub connections: u32,
    /// Seconds of load per route.
    #[arg(long, default_value_t = 15)]
    pub seconds: u32,
    /// wrk threads.
    #[arg(long, default_value_t = 2)]
    pub threads: u32,
    /// Print the results as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct RouteResult {
    route: String,
    example: String,
    requests_per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    non_2xx: u64,
}

#[derive(Debug, Serialize)]
struct WebBenchResults {
    clients_in_region: u64,
    connections: u32,
    seconds: u32,
    routes: Vec<RouteResult>,
    server_peak_rss_mib: f64,
    server_rss_after_mib: f64,
}

const PASSWORD: &str = "bench-wachtwoord";

pub fn run(args: &WebBenchArgs) -> anyhow::Result<()> {
    which_wrk()?;
    if !args.db.exists() {
        bail!("{} does not exist; generate it first (passend generate --nation --db FILE)", args.db.display());
    }
    let mut server = Server::start(&args.db)?;
    let result = measure(args, &server);
    server.stop();
    let results = result?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&results)?);
    } else {
        print(&results);
    }
    Ok(())
}

fn which_wrk() -> anyhow::Result<()> {
    match Command::new("wrk").arg("--version").output() {
        Ok(_) => Ok(()),
        Err(_) => bail!("wrk is not installed: apt-get install -y wrk"),
    }
}

fn measure(args: &WebBenchArgs, server: &Server) -> anyhow::Result<WebBenchResults> {
    let token = server.sign_in("zorgkantoor")?;
    let me = server.get_json("/api/v1/me", &token)?;
    let region = match &me["role"]["regions"][0] {
        serde_json::Value::Number(code) => code.to_string(),
        serde_json::Value::String(name) => percent_encoded(name),
        _ => bail!("the zorgkantoor account has no region: {me}"),
    };
    let total_path = format!("/api/v1/clients?region={region}&limit=1");
    let clients_in_region = server.get_json(&total_path, &token)?["total"].as_u64().unwrap_or(0);
    let list_path = format!("/api/v1/waiting-list?region={region}&status=actief_plaatsen&sector=VV&limit=50");
    let list = server.get_json(&list_path, &token)?;
    let clients: Vec<u64> =
        list["rows"].as_array().into_iter().flatten().filter_map(|row| row["client"].as_u64()).collect();
    if clients.is_empty() {
        bail!("the filtered waiting list of region {region} is empty; nothing to load");
    }

    let mut routes = Vec::new();
    routes.push(wrk(
        args,
        server,
        &token,
        "GET /api/v1/waiting-list (50 rows, filtered)",
        std::slice::from_ref(&list_path),
    )?);
    let case_paths: Vec<String> = clients.iter().map(|client| format!("/api/v1/clients/{client}")).collect();
    routes.push(wrk(args, server, &token, "GET /api/v1/clients/{id} (case with timeline)", &case_paths)?);
    let (peak, now) = server.memory()?;
    Ok(WebBenchResults {
        clients_in_region,
        connections: args.connections,
        seconds: args.seconds,
        routes,
        server_peak_rss_mib: peak,
        server_rss_after_mib: now,
    })
}

/// Runs wrk on `paths` (rotated per request by a Lua script) and parses its report.
fn wrk(
    args: &WebBenchArgs,
    server: &Server,
    token: &str,
    route: &str,
    paths: &[String],
) -> anyhow::Result<RouteResult> {
    let dir = tempfile::tempdir()?;
    let script = dir.path().join("paths.lua");
    let list: Vec<String> = paths.iter().map(|path| format!("{path:?}")).collect();
    std::fs::write(
        &script,
        format!(
            "local paths = {{{}}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  \
             return wrk.format(\"GET\", paths[i])\nend\n\
             done = function(summary, latency, requests)\n  io.write(string.format(\"non2xx %d\\n\", \
             summary.errors.status))\nend\n",
            list.join(", ")
        ),
    )?;
    let output = Command::new("wrk")
        .args(["-t", &args.threads.to_string(), "-c", &args.connections.to_string()])
        .args(["-d", &format!("{}s", args.seconds), "--latency", "-s"])
        .arg(&script)
        .args(["-H", &format!("Authorization: Bearer {token}")])
        .arg(format!("http://{}", server.addr))
        .output()
        .context("wrk did not run")?;
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        bail!("wrk failed: {}{report}", String::from_utf8_lossy(&output.stderr));
    }
    let number_after = |prefix: &str| -> Option<&str> {
        report.lines().map(str::trim).find_map(|line| line.strip_prefix(prefix)).map(str::trim)
    };
    let requests_per_second =
        number_after("Requests/sec:").and_then(|n| n.parse().ok()).context("no Requests/sec in wrk's report")?;
    let p50_ms = number_after("50%").map(latency_ms).context("no 50% latency in wrk's report")??;
    let p99_ms = number_after("99%").map(latency_ms).context("no 99% latency in wrk's report")??;
    let non_2xx = number_after("non2xx").and_then(|n| n.parse().ok()).unwrap_or(0);
    Ok(RouteResult {
        route: route.to_string(),
        example: paths[0].clone(),
        requests_per_second,
        p50_ms,
        p99_ms,
        non_2xx,
    })
}

/// A query value with every byte but the unreserved ones percent-encoded.
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (byte as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// wrk prints latencies as `812.00us`, `3.41ms` or `1.02s`.
fn latency_ms(text: &str) -> anyhow::Result<f64> {
    let (number, factor) = if let Some(us) = text.strip_suffix("us") {
        (us, 0.001)
    } else if let Some(ms) = text.strip_suffix("ms") {
        (ms, 1.0)
    } else if let Some(s) = text.strip_suffix('s') {
        (s, 1000.0)
    } else {
        bail!("unknown latency {text:?}")
    };
    Ok(number.parse::<f64>().with_context(|| format!("unknown latency {text:?}"))? * factor)
}

fn print(results: &WebBenchResults) {
    println!(
        "passend bench web: {} connections, {} s per route; region with {} clients",
        results.connections, results.seconds, results.clients_in_region
    );
    println!();
    println!("{:<50} {:>10} {:>9} {:>9} {:>8}", "route", "req/s", "p50 ms", "p99 ms", "non-2xx");
    for route in &results.routes {
        println!(
            "{:<50} {:>10.0} {:>9.2} {:>9.2} {:>8}",
            route.route, route.requests_per_second, route.p50_ms, route.p99_ms, route.non_2xx
        );
    }
    println!();
    println!(
        "server memory: peak RSS {:.0} MiB, after the load {:.0} MiB (target ≤ 1024 MiB)",
        results.server_peak_rss_mib, results.server_rss_after_mib
    );
    println!("targets (waiting list): ≥ 5,000 req/s and p99 ≤ 25 ms on 2 cores");
}

/// A `passend serve` child process.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(db: &std::path::Path) -> anyhow::Result<Server> {
        let exe = std::env::current_exe().context("cannot find the passend binary")?;
        let mut child = Command::new(exe)
            .args(["serve", "--addr", "127.0.0.1:0", "--demo-password", PASSWORD, "--db"])
            .arg(db)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .context("cannot start passend serve")?;
        let stdout = child.stdout.take().context("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let addr = loop {
            let Some(line) = lines.next() else { bail!("passend serve ended before it printed its address") };
            if let Some(rest) = line?.strip_prefix("passend draait op http://") {
                break rest.trim_end_matches('/').to_string();
            }
        };
        // Keep reading so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Ok(Server { child, addr })
    }

    fn request(&self, request: &str) -> anyhow::Result<String> {
        let mut stream = TcpStream::connect(&self.addr)?;
        stream.set_read_timeout(Some(Duration::from_secs(60)))?;
        stream.write_all(request.as_bytes())?;
        let mut response = String::new();
        stream.read_to_string(&mut response)?;
        Ok(response)
    }

    fn body(response: &str) -> anyhow::Result<serde_json::Value> {
        let (head, body) = response.split_once("\r\n\r\n").context("no HTTP body")?;
        if !(head.starts_with("HTTP/1.1 2")) {
            bail!("the server answered {}", head.lines().next().unwrap_or(""));
        }
        serde_json::from_str(body).with_context(|| format!("not JSON: {body:.200}"))
    }

    fn sign_in(&self, username: &str) -> anyhow::Result<String> {
        let body = serde_json::json!({ "username": username, "password": PASSWORD }).to_string();
        let response = self.request(&format!(
            "POST /api/v1/session HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        ))?;
        Server::body(&response)?["token"].as_str().map(str::to_string).context("no token in the session response")
    }

    fn get_json(&self, path: &str, token: &str) -> anyhow::Result<serde_json::Value> {
        let response = self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n",
            self.addr
        ))?;
        Server::body(&response).with_context(|| format!("GET {path}"))
    }

    /// Peak and current resident memory of the server, in MiB.
    fn memory(&self) -> anyhow::Result<(f64, f64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .context("cannot read the server's memory (/proc)")?;
        let kib = |key: &str| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(key))
                .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        Ok((kib("VmHWM:") / 1024.0, kib("VmRSS:") / 1024.0))
    }

    fn stop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::{latency_ms, percent_encoded};

    #[test]
    fn region_names_are_percent_encoded() {
        assert_eq!(percent_encoded("Apeldoorn / Zutphen"), "Apeldoorn%20%2F%20Zutphen");
        assert_eq!(percent_encoded("Midden-IJssel"), "Midden-IJssel");
    }

    #[test]
    fn wrk_latencies_convert_to_milliseconds() {
        assert_eq!(latency_ms("812.00us").unwrap(), 0.812);
        assert_eq!(latency_ms("3.41ms").unwrap(), 3.41);
        assert_eq!(latency_ms("1.02s").unwrap(), 1020.0);
        assert!(latency_ms("fast").is_err());
    }
}
