//! A zone's outline: polygons with their holes, in longitude and latitude (read from a
//! GeoJSON file by `import::geojson`), and whether a point is inside.

/// A polygon with its holes, in longitude and latitude (a GeoJSON `Polygon`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Polygon {
    pub outer: Vec<(f64, f64)>,
    pub holes: Vec<Vec<(f64, f64)>>,
}

/// The zone drawn as one or several polygons (a `MultiPolygon`, or a collection).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Area {
    pub polygons: Vec<Polygon>,
}

/// Whether `(x, y)` is inside the ring, by ray casting (even-odd): a horizontal ray from the
/// point crosses the ring's edges an odd number of times. A ring need not be closed.
fn in_ring(ring: &[(f64, f64)], x: f64, y: f64) -> bool {
    let mut inside = false;
    let Some(mut prev) = ring.last().copied() else {
        return false;
    };
    for &(xi, yi) in ring {
        let (xj, yj) = prev;
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        prev = (xi, yi);
    }
    inside
}

impl Polygon {
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        in_ring(&self.outer, lon, lat) && !self.holes.iter().any(|h| in_ring(h, lon, lat))
    }
}

impl Area {
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        self.polygons.iter().any(|p| p.contains(lon, lat))
    }
}
