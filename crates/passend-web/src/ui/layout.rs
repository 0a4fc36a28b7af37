//! The frame around every page: title, navigation for the actor's role, the
//! signed-in user and the logout form (with its CSRF token).

use crate::actor::Role;
use crate::auth::Session;

/// What the base template needs on every page.
#[derive(Debug, Clone)]
pub struct Layout {
    pub title: String,
    pub user: String,
    pub role: String,
    pub csrf: String,
    pub nav: Vec<NavItem>,
}

#[derive(Debug, Clone)]
pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    /// Whether this item is the current page (`aria-current="page"`).
    pub current: bool,
}

impl Layout {
    /// The layout of a page titled `title`, with `current` the href of its
    /// navigation item.
    pub fn new(session: &Session, title: impl Into<String>, current: &str) -> Layout {
        let items: &[(&'static str, &'static str)] = match &session.actor.role {
            Role::Zorgkantoor { .. } => &[
                ("/", "Werkvoorraad"),
                ("/wachtlijst", "Wachtlijst"),
                ("/aanbod", "Aanbod"),
                ("/voorstel", "Voorstel"),
                ("/complexe-casussen", "Complexe casussen"),
                ("/taken", "Mijn taken"),
                ("/signalen", "Signalen"),
                ("/zoeken", "Zoeken"),
                ("/cijfers", "Cijfers"),
            ],
            Role::Aanbieder { .. } => &[
                ("/", "Werkvoorraad"),
                ("/aanbieder", "Mijn locaties"),
                ("/aanbod", "Aanbod"),
                ("/complexe-casussen", "Complexe casussen"),
                ("/taken", "Mijn taken"),
                ("/zoeken", "Zoeken"),
            ],
            Role::Oco { .. } => &[
                ("/", "Mijn cliënten"),
                ("/aanbod", "Aanbod"),
                ("/complexe-casussen", "Complexe casussen"),
                ("/taken", "Mijn taken"),
            ],
            Role::Analist => &[("/cijfers", "Cijfers"), ("/aanbod", "Aanbod")],
        };
        Layout {
            title: title.into(),
            user: session.actor.display_name.clone(),
            role: session.actor.role.label_nl().to_string(),
            csrf: session.csrf.clone(),
            nav: items.iter().map(|(href, label)| NavItem { href, label, current: *href == current }).collect(),
        }
    }
}
