//! A small cache of derived signing keys (Volcengine, TC3), keyed by scheme, secret and scope
//! (which holds the date). Keys never leave the crate and are zeroed when evicted or dropped.

use std::sync::Mutex;

use zeroize::Zeroizing;

use super::Scheme;
use crate::credentials::Secret;

struct Entry {
    scheme: Scheme,
    secret: Secret,
    scope: String,
    key: Zeroizing<[u8; 32]>,
}

/// Derived signing keys, most recently used first. One key serves a whole day, so a handful of
/// entries covers every credential a page or process signs with.
pub struct KeyCache {
    entries: Mutex<Vec<Entry>>,
    capacity: usize,
}

impl Default for KeyCache {
    fn default() -> Self {
        KeyCache::with_capacity(16)
    }
}

impl std::fmt::Debug for KeyCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyCache").field("capacity", &self.capacity).finish_non_exhaustive()
    }
}

impl KeyCache {
    /// A cache holding at most `capacity` keys; 0 turns caching off.
    pub fn with_capacity(capacity: usize) -> Self {
        KeyCache { entries: Mutex::new(Vec::with_capacity(capacity)), capacity }
    }

    /// The cached key for (scheme, secret, scope), or `derive()` stored for next time.
    pub(crate) fn get_or_derive(
        &self,
        scheme: Scheme,
        secret: &Secret,
        scope: &str,
        derive: impl FnOnce() -> [u8; 32],
    ) -> Zeroizing<[u8; 32]> {
        let Ok(mut entries) = self.entries.lock() else {
            // A poisoned lock only means another thread panicked mid-update: derive afresh.
            return Zeroizing::new(derive());
        };
        let hit = entries
            .iter()
            .position(|e| e.scheme == scheme && e.scope == scope && e.secret.ct_eq(secret));
        if let Some(i) = hit {
            let entry = entries.remove(i);
            let key = entry.key.clone();
            entries.insert(0, entry);
            return key;
        }
        let key = Zeroizing::new(derive());
        if self.capacity > 0 {
            entries.truncate(self.capacity - 1);
            entries.insert(
                0,
                Entry {
                    scheme,
                    secret: secret.clone(),
                    scope: scope.to_string(),
                    key: key.clone(),
                },
            );
        }
        key
    }

    /// Drops (and zeroes) every cached key.
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }

    /// Drops (and zeroes) the keys derived from `secret`: when the client that held it goes.
    pub fn forget(&self, secret: &Secret) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|e| !e.secret.ct_eq(secret));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many keys are cached.
    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn derives_once_per_secret_and_scope() {
        let cache = KeyCache::with_capacity(2);
        let calls = Cell::new(0);
        let derive = || {
            calls.set(calls.get() + 1);
            [calls.get() as u8; 32]
        };
        let a = Secret::new("a");
        let k1 = cache.get_or_derive(Scheme::Tc3, &a, "2025-01-01/live", derive);
        let k2 = cache.get_or_derive(Scheme::Tc3, &a, "2025-01-01/live", || [9; 32]);
        assert_eq!(*k1, *k2);
        assert_eq!(calls.get(), 1);
        // Another day, another secret or another scheme is another key.
        cache.get_or_derive(Scheme::Tc3, &a, "2025-01-02/live", || [2; 32]);
        cache.get_or_derive(Scheme::Volcengine, &a, "2025-01-02/live", || [3; 32]);
        assert_eq!(cache.len(), 2, "capacity bounds the cache");
        let k = cache.get_or_derive(Scheme::Tc3, &Secret::new("b"), "2025-01-02/live", || [4; 32]);
        assert_eq!(*k, [4; 32]);
    }

    #[test]
    fn keys_can_be_forgotten_per_secret_or_all_at_once() {
        let cache = KeyCache::default();
        let (a, b) = (Secret::new("a"), Secret::new("b"));
        cache.get_or_derive(Scheme::Tc3, &a, "s1", || [1; 32]);
        cache.get_or_derive(Scheme::Volcengine, &a, "s2", || [2; 32]);
        cache.get_or_derive(Scheme::Tc3, &b, "s1", || [3; 32]);
        cache.forget(&a);
        assert_eq!(cache.len(), 1);
        let kept = cache.get_or_derive(Scheme::Tc3, &b, "s1", || [9; 32]);
        assert_eq!(*kept, [3; 32], "b's key is still cached");
        cache.clear();
        assert_eq!(cache.len(), 0);
    }

    #[test]
    fn zero_capacity_never_stores() {
        let cache = KeyCache::with_capacity(0);
        cache.get_or_derive(Scheme::Tc3, &Secret::new("a"), "s", || [1; 32]);
        assert_eq!(cache.len(), 0);
    }
}
