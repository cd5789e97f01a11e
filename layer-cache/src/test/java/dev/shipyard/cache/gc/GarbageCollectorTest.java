package dev.shipyard.cache.gc;

import dev.shipyard.cache.fakes.InMemoryCacheIndex;
import dev.shipyard.cache.fakes.InMemoryGcState;
import dev.shipyard.cache.fakes.SoloClaims;
import dev.shipyard.cache.index.CacheIndex;
import dev.shipyard.cache.index.Claims;

class GarbageCollectorTest extends GarbageCollectorContract {
    private InMemoryCacheIndex index;
    private InMemoryGcState state;
    private SoloClaims claims;

    @Override
    protected void prepare() {
        index = new InMemoryCacheIndex(store, clock);
        state = new InMemoryGcState(clock);
        claims = new SoloClaims();
    }

    @Override
    protected CacheIndex index() {
        return index;
    }

    @Override
    protected GcRoots roots() {
        return state;
    }

    @Override
    protected BuildLeases leases() {
        return state;
    }

    @Override
    protected Claims claims() {
        return claims;
    }
}
