//! Logs, request ids and metrics. Logs are structured (tracing), one span per
//! request carrying its `x-request-id`; `/metrics` serves request counts and
//! durations in the Prometheus text format. A dozen counters need no
//! metrics library.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// Installs the log subscriber: `RUST_LOG` filters (default `info`), JSON when
/// `PASSEND_LOG_FORMAT=json`.
pub fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("info,tower_http=info,refinery_core=warn,refinery=warn")
    });
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    let result = if std::env::var("PASSEND_LOG_FORMAT").is_ok_and(|format| format == "json") {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    // A second initialisation (tests start many servers) keeps the first subscriber.
    drop(result);
}

/// The upper bounds of the duration histogram, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0];

#[derive(Debug, Default)]
struct RouteStats {
    count: u64,
    sum_seconds: f64,
    /// Requests at or under each bucket's bound (cumulative when printed).
    buckets: [u64; BUCKETS.len()],
}

/// Request counts by route and status, and durations by route.
#[derive(Debug, Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    durations: Mutex<BTreeMap<(String, String), RouteStats>>,
}

impl Metrics {
    fn record(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let mut requests = self.requests.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *requests.entry((method.to_string(), route.to_string(), status)).or_default() += 1;
        drop(requests);
        let mut durations = self.durations.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let stats = durations.entry((method.to_string(), route.to_string())).or_default();
        let seconds = elapsed.as_secs_f64();
        stats.count += 1;
        stats.sum_seconds += seconds;
        if let Some(bucket) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            stats.buckets[bucket] += 1;
        }
    }

    /// The metrics in the Prometheus text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP passend_http_requests_total HTTP requests by method, route and status.\n");
        out.push_str("# TYPE passend_http_requests_total counter\n");
        let requests = self.requests.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for ((method, route, status), count) in requests.iter() {
            let _ = writeln!(
                out,
                "passend_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {count}"
            );
        }
        drop(requests);
        out.push_str("# HELP passend_http_request_duration_seconds Time to answer a request.\n");
        out.push_str("# TYPE passend_http_request_duration_seconds histogram\n");
        let durations = self.durations.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for ((method, route), stats) in durations.iter() {
            let labels = format!("method=\"{method}\",route=\"{route}\"");
            let mut cumulative = 0;
            for (bound, count) in BUCKETS.iter().zip(stats.buckets) {
                cumulative += count;
                let _ = writeln!(
                    out,
                    "passend_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ =
                writeln!(out, "passend_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}", stats.count);
            let _ = writeln!(out, "passend_http_request_duration_seconds_sum{{{labels}}} {}", stats.sum_seconds);
            let _ = writeln!(out, "passend_http_request_duration_seconds_count{{{labels}}} {}", stats.count);
        }
        out
    }
}

/// Middleware: counts and times every request under its route template
/// (`/api/v1/clients/{id}`), never under its raw path, so that the number of
/// series stays small and no client number appears in the metrics.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |path| path.as_str().to_string());
    let method = request.method().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    state.metrics.record(&method, &route, response.status().as_u16(), started.elapsed());
    response
}

/// `GET /metrics`.
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "text/plain; version=0.0.4")], state.metrics.render())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_render_in_the_prometheus_format() {
        let metrics = Metrics::default();
        metrics.record("GET", "/api/v1/clients/{id}", 200, Duration::from_millis(3));
        metrics.record("GET", "/api/v1/clients/{id}", 404, Duration::from_millis(30));
        let text = metrics.render();
        assert!(
            text.contains(
                "passend_http_requests_total{method=\"GET\",route=\"/api/v1/clients/{id}\",status=\"200\"} 1"
            )
        );
        assert!(text.contains("le=\"0.005\"} 1\n"));
        assert!(text.contains("le=\"0.05\"} 2\n"));
        assert!(text.contains("_count{method=\"GET\",route=\"/api/v1/clients/{id}\"} 2"));
    }
}
