package io.agentry.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Work that must follow a change only once it is durable, and never be part of it: it runs after
 * the current transaction commits, not at all when it rolls back, and at once outside a transaction.
 */
@ApplicationScoped
public class AfterCommit {

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    public void run(Runnable work) {
        if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            work.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    work.run();
                }
            }
        });
    }
}
