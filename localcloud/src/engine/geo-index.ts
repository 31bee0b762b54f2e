/**
 * In-memory spatial index of GeoJSON points for one field of one collection.
 *
 * Backs `$nearSphere`, `$geoNear` and `$geoWithin` in the local emulator so they
 * do not scan every document. Points live in an R-tree (rbush, keyed by plain
 * lng/lat degrees); nearest-neighbour queries walk that tree best-first with a
 * great-circle lower bound per node, so results come out lazily in ascending
 * spherical distance.
 *
 * Distances use a sphere of radius EARTH_RADIUS_M (MongoDB's value for
 * spherical distances in metres). Coordinates are GCJ-02 in practice but are
 * treated as ordinary WGS-84-style lng/lat.
 */
import RBush from 'rbush';
import { MinHeap } from './min-heap';
import { EARTH_RADIUS_M, hav, havDist, havToRadians, isGeoPoint, RAD } from './spherical';

export { EARTH_RADIUS_M, haversineMeters, isGeoPoint } from './spherical';

/** A GeoJSON point as stored in the tree (bbox collapsed to the point). */
interface PointItem {
  key: string;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** rbush's internal node shape (not in @types/rbush; reached via toJSON()). */
interface TreeNode {
  children: Array<TreeNode | PointItem>;
  leaf: boolean;
  height: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export type GeoPolygon = { type: 'Polygon'; coordinates: number[][][] };
export type GeoMultiPolygon = { type: 'MultiPolygon'; coordinates: number[][][][] };

/** Query point with its trigonometry precomputed. */
interface QueryPoint {
  lng: number;
  lat: number;
  cosLat: number;
  tanLat: number;
}

/**
 * Lower bound of h (see havDist) from the query point to anything in a lng/lat
 * box (the geokdbush idea). If the query's longitude is within the box, the
 * nearest point is straight north or south: no point is closer than its
 * latitude difference. Otherwise the nearest point lies on the box's meridian
 * edge with the smaller longitude gap (for a fixed latitude, distance grows
 * with the gap), and along a meridian the distance is smallest at latitude
 * atan(tan(lat) / cos(Δlng)) when that is in range, else at one of the ends.
 */
function boxHavLowerBound(q: QueryPoint, box: TreeNode): number {
  const { lng, lat } = q;
  if (lng >= box.minX && lng <= box.maxX) {
    if (lat < box.minY) return hav((box.minY - lat) * RAD);
    if (lat > box.maxY) return hav((lat - box.maxY) * RAD);
    return 0;
  }
  // hav is monotone in the wrapped longitude gap, so it also picks the nearer edge.
  const havDLng = Math.min(hav((box.minX - lng) * RAD), hav((box.maxX - lng) * RAD));
  const cosDLng = 1 - 2 * havDLng;
  const along = (edgeLat: number): number => hav((edgeLat - lat) * RAD) + q.cosLat * Math.cos(edgeLat * RAD) * havDLng;
  let h: number;
  if (cosDLng > 0) {
    const vertexLat = Math.atan(q.tanLat / cosDLng) / RAD;
    h = vertexLat > box.minY && vertexLat < box.maxY ? along(vertexLat) : Math.min(along(box.minY), along(box.maxY));
  } else {
    // 90° or more of longitude away: no interior minimum along the meridian, so take the nearer end.
    h = Math.min(along(box.minY), along(box.maxY));
  }
  // Shave a hair off so rounding never lets a bound exceed a point it contains.
  return h * (1 - 1e-9);
}

/** Even-odd ray casting on lng/lat treated as a plane. Works for closed or open rings. */
function inRing(x: number, y: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0];
    const yi = ring[i][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export class GeoIndex {
  private readonly tree = new RBush<PointItem>();
  private readonly items = new Map<string, PointItem>();
  /** Bumped on every change so running nearest() generators notice and restart. */
  private version = 0;

  constructor(readonly field: string) {}

  get size(): number {
    return this.items.size;
  }

  /** Indexes `point` under `key` if it is a valid GeoJSON point; otherwise drops the key. */
  upsert(key: string, point: unknown): void {
    if (!isGeoPoint(point)) {
      this.remove(key);
      return;
    }
    const [lng, lat] = point.coordinates;
    const old = this.items.get(key);
    if (old) {
      if (old.minX === lng && old.minY === lat) return; // unchanged: avoid tree churn
      this.tree.remove(old);
    }
    const item: PointItem = { key, minX: lng, minY: lat, maxX: lng, maxY: lat };
    this.tree.insert(item);
    this.items.set(key, item);
    this.version++;
  }

  remove(key: string): void {
    const old = this.items.get(key);
    if (!old) return;
    this.tree.remove(old);
    this.items.delete(key);
    this.version++;
  }

  clear(): void {
    this.tree.clear();
    this.items.clear();
    this.version++;
  }

  /**
   * Keys in ascending distance from (lng, lat), lazily, distance in metres;
   * stops past maxDistance; skips those nearer than minDistance (both inclusive
   * bounds). If the index changes while the generator is suspended, it restarts
   * the search from the new tree and continues where it was: keys already
   * returned and points now nearer than the last returned distance are skipped.
   */
  *nearest(lng: number, lat: number, opts: { maxDistance?: number; minDistance?: number } = {}): Generator<{ key: string; distance: number }> {
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) {
      throw new RangeError(`nearest: invalid query point [${lng}, ${lat}]`);
    }
    const maxDistance = opts.maxDistance ?? Infinity;
    const q: QueryPoint = { lng, lat, cosLat: Math.cos(lat * RAD), tanLat: Math.tan(lat * RAD) };

    let floor = opts.minDistance ?? 0; // results nearer than this are skipped
    const returned = new Set<string>();
    let heap = new MinHeap<TreeNode | PointItem>();
    let seenVersion = -1;

    for (;;) {
      if (seenVersion !== this.version) {
        // First pass, or the tree changed under us: node references may be stale.
        seenVersion = this.version;
        heap = new MinHeap();
        heap.push(this.tree.toJSON() as TreeNode, 0);
      }
      if (heap.length === 0) return;
      // Everything left is at least this far away.
      if (havToRadians(heap.peekPrio()) * EARTH_RADIUS_M > maxDistance) return;
      const entry = heap.pop();

      if ('key' in entry) {
        const distance = havToRadians(havDist(lng, lat, q.cosLat, entry.minX, entry.minY)) * EARTH_RADIUS_M;
        if (distance > maxDistance) return;
        if (distance < floor || returned.has(entry.key)) continue;
        floor = distance;
        returned.add(entry.key);
        yield { key: entry.key, distance };
      } else if (entry.leaf) {
        for (const child of entry.children as PointItem[]) {
          heap.push(child, havDist(lng, lat, q.cosLat, child.minX, child.minY));
        }
      } else {
        for (const child of entry.children as TreeNode[]) {
          heap.push(child, boxHavLowerBound(q, child));
        }
      }
    }
  }

  /** Keys of points inside a Polygon or MultiPolygon (outer ring minus holes, planar test). */
  withinGeometry(geometry: GeoPolygon | GeoMultiPolygon): string[] {
    let polygons: number[][][][];
    if (geometry?.type === 'Polygon') polygons = [geometry.coordinates];
    else if (geometry?.type === 'MultiPolygon') polygons = geometry.coordinates;
    else throw new TypeError(`withinGeometry: unsupported geometry type ${String((geometry as { type?: unknown })?.type)}`);

    const found = new Set<string>(); // a point may fall in more than one polygon
    for (const rings of polygons) {
      const outer = rings[0];
      if (!outer || outer.length < 3) continue;
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (const [x, y] of outer) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      for (const item of this.tree.search({ minX, minY, maxX, maxY })) {
        if (found.has(item.key)) continue;
        const x = item.minX;
        const y = item.minY;
        if (!inRing(x, y, outer)) continue;
        let inHole = false;
        for (let h = 1; h < rings.length && !inHole; h++) inHole = inRing(x, y, rings[h]);
        if (!inHole) found.add(item.key);
      }
    }
    return [...found];
  }

  /** Keys of points within `radiusRadians` of the centre along the great circle ($centerSphere). */
  withinCenterSphere(lng: number, lat: number, radiusRadians: number): string[] {
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || !(radiusRadians >= 0)) return [];
    const rDeg = radiusRadians / RAD;
    const pad = 1e-9; // degrees; keeps boundary points that rounding would clip from the box
    const minY = Math.max(-90, lat - rDeg - pad);
    const maxY = Math.min(90, lat + rDeg + pad);

    // A cap that reaches a pole spans every longitude. Otherwise its longitude
    // half-width is asin(sin r / cos lat) (ratio < 1 since r < 90° - |lat|).
    const boxes: RBush.BBox[] = [];
    if (Math.abs(lat) + rDeg >= 90) {
      boxes.push({ minX: -180, minY, maxX: 180, maxY });
    } else {
      const dLng = Math.asin(Math.min(1, Math.sin(radiusRadians) / Math.cos(lat * RAD))) / RAD + pad;
      const west = lng - dLng;
      const east = lng + dLng;
      boxes.push({ minX: Math.max(-180, west), minY, maxX: Math.min(180, east), maxY });
      // Across the antimeridian, add the wrapped part on the other side.
      if (west < -180) boxes.push({ minX: west + 360, minY, maxX: 180, maxY });
      if (east > 180) boxes.push({ minX: -180, minY, maxX: east - 360, maxY });
    }

    const cosLat = Math.cos(lat * RAD);
    const found = new Set<string>(); // wrapped boxes can overlap near ±180
    for (const box of boxes) {
      for (const item of this.tree.search(box)) {
        if (havToRadians(havDist(lng, lat, cosLat, item.minX, item.minY)) <= radiusRadians) found.add(item.key);
      }
    }
    return [...found];
  }
}
