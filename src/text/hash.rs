//! FNV-1a, a fast hash for the short keys the program's own tables use
//! (feature names, words); not for keys an attacker picks in bulk.

use std::hash::BuildHasherDefault;

/// The FNV-1a hasher.
#[derive(Default)]
pub struct Fnv(u64);

/// Builds [`Fnv`] hashers for a `HashMap`.
pub type FnvBuild = BuildHasherDefault<Fnv>;

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}
