package dev.cutover.ledger;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A run's ledger, for auditors: {@code GET /api/runs/{run}/ledger}, oldest entry first. */
@RestController
class LedgerController {

    private final Ledger ledger;

    LedgerController(Ledger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/api/runs/{run}/ledger")
    List<LedgerEntry> ledger(@PathVariable String run) {
        return ledger.entries(run);
    }
}
