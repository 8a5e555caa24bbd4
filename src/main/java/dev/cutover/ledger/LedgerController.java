package dev.cutover.ledger;

import dev.cutover.access.PageAccess;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A run's ledger, for those who follow runs (leads, operators, auditors; 403 for anyone else):
 * {@code GET /api/runs/{run}/ledger}, oldest entry first.
 */
@RestController
class LedgerController {

    private final Ledger ledger;
    private final PageAccess access;

    LedgerController(Ledger ledger, PageAccess access) {
        this.ledger = ledger;
        this.access = access;
    }

    @GetMapping("/api/runs/{run}/ledger")
    List<LedgerEntry> ledger(@PathVariable String run) {
        access.requireViewer();
        return ledger.entries(run);
    }
}
