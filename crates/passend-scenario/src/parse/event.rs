//! Event steps: the event table of `scenarios/README.md`, "Events", field by
//! field. Fields marked `?` there are optional (`null` = omitted); every other
//! field is required, and no other key is allowed.

use super::codes;
use super::ids::{IdKind, Ids};
use super::reader::Object;
use crate::InvalidFile;
use crate::model::{Event, EventStep};

/// Every event name, with the fields it takes besides `on`, `event`, `client`
/// and `expect_error`.
const EVENTS: [(&str, &[&str]); 13] = [
    ("indication", &["care_profile", "delivery_form", "preferred_provider"]),
    ("allocation", &["provider"]),
    ("allocation_returned", &["provider"]),
    ("first_contact", &["provider"]),
    ("wait_status", &["status", "preferences", "classification"]),
    ("offer", &["location"]),
    ("offer_refused", &["location", "weighty_reason"]),
    ("offer_accepted", &["location"]),
    ("admission", &["location", "bridging"]),
    ("content_with_current", &[]),
    ("care_refusal_requested", &["provider", "ground"]),
    ("care_refusal_decided", &["approved"]),
    ("care_ended", &["reason"]),
];

/// Reads a step that has an `event` key; `on` is read by the caller.
pub(crate) fn event_step(step: &Object<'_>, ids: &Ids) -> Result<EventStep, InvalidFile> {
    let name_value = step.required("event")?;
    let name = name_value.string()?;
    let unknown = || {
        let known = EVENTS.iter().map(|(event, _)| format!("`{event}`")).collect::<Vec<_>>().join(", ");
        name_value.place.invalid(format!("unknown event {name:?}; the events are {known}"))
    };
    let (_, fields) = EVENTS.iter().find(|(event, _)| *event == name).ok_or_else(unknown)?;
    if step.has("expect") {
        return Err(step
            .place()
            .key("expect")
            .invalid("a step is either an event or an expectation; this one has both `event` and `expect`"));
    }
    let mut allowed = vec!["on", "event", "client", "expect_error"];
    allowed.extend_from_slice(fields);
    step.allow_only(&allowed, &format!("the `{name}` event"))?;

    let client = ids.one(&step.required("client")?, IdKind::Client)?;
    // "`false` being the same as omitted", and an optional null is omitted too.
    let expect_error = match step.optional("expect_error") {
        Some(value) => value.boolean()?,
        None => false,
    };
    let provider = || ids.one(&step.required("provider")?, IdKind::Provider);
    let location = || ids.one(&step.required("location")?, IdKind::Location);
    let event = match name {
        "indication" => Event::Indication {
            care_profile: codes::care_profile(&step.required("care_profile")?)?,
            delivery_form: step.optional("delivery_form").map(|value| codes::delivery_form(&value)).transpose()?,
            preferred_provider: step
                .optional("preferred_provider")
                .map(|value| ids.one(&value, IdKind::Provider))
                .transpose()?,
        },
        "allocation" => Event::Allocation { provider: provider()? },
        "allocation_returned" => Event::AllocationReturned { provider: provider()? },
        "first_contact" => Event::FirstContact { provider: provider()? },
        "wait_status" => Event::WaitStatus {
            status: codes::wait_status(&step.required("status")?)?,
            preferences: step.optional("preferences").map(|value| ids.preference_list(&value)).transpose()?,
            classification: step
                .optional("classification")
                .map(|value| codes::classification_token_or_code(&value))
                .transpose()?,
        },
        "offer" => Event::Offer { location: location()? },
        "offer_refused" => {
            Event::OfferRefused { location: location()?, weighty_reason: step.required("weighty_reason")?.boolean()? }
        }
        "offer_accepted" => Event::OfferAccepted { location: location()? },
        "admission" => Event::Admission { location: location()?, bridging: step.required("bridging")?.boolean()? },
        "content_with_current" => Event::ContentWithCurrent,
        "care_refusal_requested" => Event::CareRefusalRequested {
            provider: provider()?,
            ground: codes::refusal_ground(&step.required("ground")?)?,
        },
        "care_refusal_decided" => Event::CareRefusalDecided { approved: step.required("approved")?.boolean()? },
        "care_ended" => Event::CareEnded { reason: codes::care_end_reason(&step.required("reason")?)? },
        _ => return Err(unknown()),
    };
    Ok(EventStep { client, event, expect_error })
}
