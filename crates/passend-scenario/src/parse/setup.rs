//! The world a scenario starts from: `providers`, `locations` and `clients`.
//!
//! `scenarios/README.md`, "Format": every field of the example is required;
//! `agb` is 8 digits and unique in a file; a location's `provider` must exist
//! and its `care_profiles` follow the `care_profile` rules (whether they match
//! its `sector` is not checked); `expertise`, `contra_indications`,
//! `capacity`, `crisis_beds`, `lat`/`lon` and `birth_date` are checked for
//! type only.
//!
//! Two checks go beyond the format's text and mirror the supply register,
//! which refuses them: a name may not be blank and a location needs at least
//! one care profile. Checking them here makes such a file invalid (exit 2)
//! instead of a run that cannot even register its world.

use std::collections::HashMap;

use passend_domain::case::ClientRegistration;
use passend_domain::ids::{AgbCode, LocationId};
use passend_domain::supply::{Location, Provider};

use super::codes;
use super::ids::{IdKind, Ids};
use super::reader::{Object, Value};
use crate::InvalidFile;
use crate::model::{ClientSpec, LocationSpec, ProviderSpec};

const PROVIDER_KEYS: [&str; 4] = ["id", "agb", "name", "region"];
const LOCATION_KEYS: [&str; 11] = [
    "id",
    "provider",
    "name",
    "sector",
    "care_profiles",
    "capacity",
    "lat",
    "lon",
    "expertise",
    "contra_indications",
    "crisis_beds",
];
const CLIENT_KEYS: [&str; 5] = ["id", "birth_date", "region", "lat", "lon"];

/// Reads the `providers` list, declaring each id.
pub(crate) fn providers(value: &Value<'_>, ids: &mut Ids) -> Result<Vec<ProviderSpec>, InvalidFile> {
    let mut seen: HashMap<AgbCode, String> = HashMap::new();
    let mut providers = Vec::new();
    for item in value.list()? {
        let object = Object::read(&item)?;
        object.allow_only(&PROVIDER_KEYS, "a provider")?;
        let id = ids.declare(&object.required("id")?, IdKind::Provider)?;
        let agb_value = object.required("agb")?;
        let agb = codes::agb_code(&agb_value)?;
        if let Some(other) = seen.get(&agb) {
            return Err(agb_value.place.invalid(format!(
                "the AGB code {agb} is already the code of provider `{other}`; a provider id stands for one AGB code"
            )));
        }
        seen.insert(agb, id.clone());
        let name = name(&object.required("name")?)?;
        let region = codes::region(&object.required("region")?)?;
        providers.push(ProviderSpec { id, provider: Provider { agb, name, region } });
    }
    Ok(providers)
}

/// Reads the `locations` list, declaring each id; `providers` are already read.
pub(crate) fn locations(
    value: &Value<'_>,
    ids: &mut Ids,
    providers: &[ProviderSpec],
) -> Result<Vec<LocationSpec>, InvalidFile> {
    let mut locations = Vec::new();
    for item in value.list()? {
        let object = Object::read(&item)?;
        object.allow_only(&LOCATION_KEYS, "a location")?;
        let id = ids.declare(&object.required("id")?, IdKind::Location)?;
        let provider_id = ids.one(&object.required("provider")?, IdKind::Provider)?;
        let provider = providers
            .iter()
            .find(|spec| spec.id == provider_id)
            .map(|spec| spec.provider.agb)
            .ok_or_else(|| object.place().key("provider").invalid(format!("unknown provider `{provider_id}`")))?;
        let name = name(&object.required("name")?)?;
        let sector = codes::sector(&object.required("sector")?)?;
        let care_profiles_value = object.required("care_profiles")?;
        let care_profiles: Vec<_> =
            care_profiles_value.list()?.iter().map(codes::care_profile).collect::<Result<_, _>>()?;
        if care_profiles.is_empty() {
            return Err(care_profiles_value.place.invalid("a location needs at least one care profile"));
        }
        let capacity = count(&object.required("capacity")?)?;
        let lat = object.required("lat")?.number()?;
        let lon = object.required("lon")?.number()?;
        let expertise = object.required("expertise")?.string_list()?;
        let contra_indications = object.required("contra_indications")?.string_list()?;
        let crisis_beds = count(&object.required("crisis_beds")?)?;
        locations.push(LocationSpec {
            id,
            location: Location {
                // The service assigns the real id when it registers the location.
                id: LocationId(0),
                provider,
                name,
                sector,
                care_profiles,
                capacity,
                postcode: None,
                lat,
                lon,
                expertise,
                contra_indications,
                crisis_beds,
            },
        });
    }
    Ok(locations)
}

/// Reads the `clients` list, declaring each id. Scenario clients carry no
/// BSN, name or postcode.
pub(crate) fn clients(value: &Value<'_>, ids: &mut Ids) -> Result<Vec<ClientSpec>, InvalidFile> {
    let mut clients = Vec::new();
    for item in value.list()? {
        let object = Object::read(&item)?;
        object.allow_only(&CLIENT_KEYS, "a client")?;
        let id = ids.declare(&object.required("id")?, IdKind::Client)?;
        let birth_date = object.required("birth_date")?.date()?;
        let region = codes::region(&object.required("region")?)?;
        let lat = object.required("lat")?.number()?;
        let lon = object.required("lon")?.number()?;
        clients.push(ClientSpec {
            id,
            registration: ClientRegistration { region, birth_date, bsn: None, name: None, postcode: None, lat, lon },
        });
    }
    Ok(clients)
}

/// A provider's or location's name: a string that is not blank.
fn name(value: &Value<'_>) -> Result<String, InvalidFile> {
    let name = value.string()?;
    if name.trim().is_empty() {
        return Err(value.place.invalid("a name may not be empty"));
    }
    Ok(name.to_string())
}

/// `capacity` and `crisis_beds`: integers ≥ 0 (and small enough to store).
fn count(value: &Value<'_>) -> Result<u32, InvalidFile> {
    let number = value.integer(0, i128::from(u32::MAX))?;
    u32::try_from(number).map_err(|_| value.place.invalid("the number is too large"))
}
