//! Validated identifiers (BSN, AGB code, postcode) and passend's own dense ids.
//!
//! Every external identifier has a `parse` constructor and a private field:
//! once a value has its type, it is valid ("parse, don't validate"). Each
//! serialises as the string it was parsed from, in its normal form.

mod agb_code;
mod bsn;
mod passend_ids;
mod postcode;

pub use agb_code::AgbCode;
pub use bsn::Bsn;
pub use passend_ids::{ClientId, ComplexCaseId, LocationId, OcoId, SignalId};
pub use postcode::Postcode;

/// Serde round trips without a format crate: serde serialises primitives
/// straight into a `fmt::Formatter`, and its value deserialisers feed one
/// string or number.
#[cfg(test)]
pub(crate) mod test_serde {
    use serde::de::IntoDeserializer;

    /// The string or number a value serialises as.
    pub(crate) fn serialized<T: serde::Serialize>(value: &T) -> String {
        struct Via<'a, T>(&'a T);
        impl<T: serde::Serialize> std::fmt::Display for Via<'_, T> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.serialize(f)
            }
        }
        Via(value).to_string()
    }

    /// Deserialises a value from a string.
    pub(crate) fn deserialize_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, serde::de::value::Error> {
        T::deserialize(text.into_deserializer())
    }

    /// Deserialises a value from an unsigned integer.
    pub(crate) fn deserialize_u64<T: serde::de::DeserializeOwned>(number: u64) -> Result<T, serde::de::value::Error> {
        T::deserialize(number.into_deserializer())
    }
}
