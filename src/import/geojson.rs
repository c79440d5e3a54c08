//! The zone's outline from a GeoJSON file: a `Polygon` or `MultiPolygon`, bare, in a
//! `Feature` or in a `FeatureCollection` (every polygon of it), holes included. Read with
//! `serde_json` (RFC 7946 is small enough that a whole GeoJSON crate buys nothing here).

use std::path::Path;

use serde_json::Value;

use super::ImportError;
use crate::domain::profile::{Area, Polygon};

/// A GeoJSON file larger than this is not a zone's outline.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

pub fn read(path: &Path) -> Result<Area, ImportError> {
    let len = std::fs::metadata(path)
        .map_err(|e| ImportError::io(path, e))?
        .len();
    if len > MAX_BYTES {
        return Err(ImportError::GeoJson {
            path: path.to_path_buf(),
            message: format!("{len} bytes"),
        });
    }
    let text = std::fs::read(path).map_err(|e| ImportError::io(path, e))?;
    parse(&text, path)
}

/// The polygons of a GeoJSON text (`path` names it in errors).
pub fn parse(bytes: &[u8], path: &Path) -> Result<Area, ImportError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| ImportError::GeoJson {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let mut area = Area::default();
    collect(&value, &mut area, 0);
    if area.polygons.is_empty() {
        return Err(ImportError::NoPolygon {
            path: path.to_path_buf(),
        });
    }
    let wgs84 = area
        .polygons
        .iter()
        .flat_map(|p| p.outer.iter().chain(p.holes.iter().flatten()))
        .all(|(lon, lat)| (-180.0..=180.0).contains(lon) && (-90.0..=90.0).contains(lat));
    if !wgs84 {
        return Err(ImportError::NotWgs84 {
            path: path.to_path_buf(),
        });
    }
    Ok(area)
}

/// Every polygon under `v` (a collection nests a few levels at most; deeper is ignored).
fn collect(v: &Value, area: &mut Area, depth: usize) {
    if depth > 8 {
        return;
    }
    match v.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => {
            for f in v
                .get("features")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                collect(f, area, depth + 1);
            }
        }
        Some("Feature") => {
            if let Some(g) = v.get("geometry") {
                collect(g, area, depth + 1);
            }
        }
        Some("GeometryCollection") => {
            for g in v
                .get("geometries")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                collect(g, area, depth + 1);
            }
        }
        Some("Polygon") => {
            if let Some(p) = v.get("coordinates").and_then(polygon) {
                area.polygons.push(p);
            }
        }
        Some("MultiPolygon") => {
            for p in v
                .get("coordinates")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(polygon)
            {
                area.polygons.push(p);
            }
        }
        _ => {}
    }
}

/// `[[lon, lat], …]`, a ring of at least three positions.
fn ring(v: &Value) -> Option<Vec<(f64, f64)>> {
    let points: Vec<(f64, f64)> = v
        .as_array()?
        .iter()
        .filter_map(|p| {
            let p = p.as_array()?;
            Some((p.first()?.as_f64()?, p.get(1)?.as_f64()?))
        })
        .collect();
    (points.len() >= 3).then_some(points)
}

/// `[outer ring, hole, hole…]`.
fn polygon(v: &Value) -> Option<Polygon> {
    let mut rings = v.as_array()?.iter().filter_map(ring);
    let outer = rings.next()?;
    Some(Polygon {
        outer,
        holes: rings.collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(text: &str) -> Result<Area, ImportError> {
        parse(text.as_bytes(), Path::new("zone.geojson"))
    }

    const SQUARE_WITH_HOLE: &str = r#"[[[2.0,48.0],[3.0,48.0],[3.0,49.0],[2.0,49.0],[2.0,48.0]],
        [[2.4,48.4],[2.6,48.4],[2.6,48.6],[2.4,48.6],[2.4,48.4]]]"#;

    #[test]
    fn a_polygon_bare_in_a_feature_or_in_a_collection() {
        let bare = format!(r#"{{"type":"Polygon","coordinates":{SQUARE_WITH_HOLE}}}"#);
        let feature =
            format!(r#"{{"type":"Feature","properties":{{"nom":"ZA"}},"geometry":{bare}}}"#);
        let collection = format!(
            r#"{{"type":"FeatureCollection","features":[{feature},
            {{"type":"Feature","geometry":{{"type":"MultiPolygon","coordinates":
            [[[[0,0],[1,0],[1,1],[0,0]]]]}}}},
            {{"type":"Feature","geometry":{{"type":"Point","coordinates":[5,45]}}}}]}}"#
        );
        for text in [&bare, &feature, &collection] {
            let a = area(text).unwrap();
            assert!(a.contains(2.1, 48.1));
            assert!(!a.contains(2.5, 48.5), "the hole");
            assert_eq!(a.polygons[0].holes.len(), 1);
        }
        assert_eq!(area(&collection).unwrap().polygons.len(), 2);
    }

    #[test]
    fn what_is_not_a_wgs84_polygon_is_refused() {
        assert!(matches!(area("{"), Err(ImportError::GeoJson { .. })));
        assert!(matches!(
            area(r#"{"type":"Point","coordinates":[2,48]}"#),
            Err(ImportError::NoPolygon { .. })
        ));
        // Lambert 93 metres, not degrees.
        assert!(matches!(
            area(
                r#"{"type":"Polygon","coordinates":[[[650000,6860000],[651000,6860000],
                [651000,6861000],[650000,6860000]]]}"#
            ),
            Err(ImportError::NotWgs84 { .. })
        ));
    }
}
