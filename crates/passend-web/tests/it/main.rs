//! The integration tests of passend-web: the API through the router, the
//! pages, and the flows in a real browser.

mod api;
mod api_complex_cases;
mod api_input;
mod api_matching;
mod browser;
mod pages;
mod support;
