//! Deserialising validated values from borrowed text, without allocating a
//! `String` per value: events are decoded by the million in a rebuild.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use crate::InvalidValue;

pub(crate) struct FromStrVisitor<T>(PhantomData<T>);

impl<T> FromStrVisitor<T> {
    pub(crate) fn new() -> FromStrVisitor<T> {
        FromStrVisitor(PhantomData)
    }
}

impl<T: FromStr<Err = InvalidValue>> serde::de::Visitor<'_> for FromStrVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
        text.parse().map_err(E::custom)
    }
}

/// Implements `Deserialize` for types that parse from text with `FromStr`.
macro_rules! deserialize_from_str {
    ($($type:ty),* $(,)?) => {
        $(
            impl<'de> serde::Deserialize<'de> for $type {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$type, D::Error> {
                    deserializer.deserialize_str($crate::serde_str::FromStrVisitor::<$type>::new())
                }
            }
        )*
    };
}

deserialize_from_str!(
    crate::ids::Bsn,
    crate::ids::AgbCode,
    crate::ids::Postcode,
    crate::codes::CareEndReason,
    crate::codes::DeliveryForm,
    crate::codes::Sector,
    crate::codes::WaitStatus,
    crate::codes::Classification,
    crate::codes::Region,
);
