//! What every handler shares: the command service, the accounts and
//! sessions, the clock and the metrics.

use std::sync::Arc;

use jiff::civil::Date;
use passend_store::Passend;
use passend_store_sqlite::SqliteStore;

use crate::auth::{Accounts, Sessions};
use crate::problem::ApiError;
use crate::telemetry::Metrics;

/// The command service the web application runs on.
pub type Service = Passend<SqliteStore>;

/// Where "today" comes from: the clock in production, a fixed day in tests
/// and for a demo generated up to a given day. Only this layer reads the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Today {
    /// Today in Europe/Amsterdam.
    Clock,
    Fixed(Date),
}

impl Today {
    pub fn date(self) -> Date {
        match self {
            Today::Fixed(day) => day,
            Today::Clock => jiff::Zoned::now()
                .with_time_zone(jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap_or(jiff::tz::TimeZone::UTC))
                .date(),
        }
    }
}

/// The state of the application, cheap to clone into every handler.
#[derive(Clone)]
pub struct AppState {
    pub passend: Arc<Service>,
    pub accounts: Arc<Accounts>,
    pub sessions: Arc<Sessions>,
    pub today: Today,
    pub metrics: Arc<Metrics>,
}

impl AppState {
    pub fn new(passend: Service, accounts: Accounts, today: Today) -> AppState {
        AppState {
            passend: Arc::new(passend),
            accounts: Arc::new(accounts),
            sessions: Arc::new(Sessions::default()),
            today,
            metrics: Arc::new(Metrics::default()),
        }
    }

    pub fn today(&self) -> Date {
        self.today.date()
    }

    /// Runs store work on the blocking pool: the store is synchronous and
    /// must not hold up the async workers.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Service) -> Result<T, ApiError> + Send + 'static,
    {
        let passend = Arc::clone(&self.passend);
        tokio::task::spawn_blocking(move || work(&passend)).await.map_err(ApiError::internal)?
    }
}
