package io.topicguard.authz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * One service per test class over the {@link ContractPolicy}, started before the class's tests
 * and stopped after them (test classes run one after another).
 */
abstract class ContractServiceTest {

    @TempDir
    static Path dir;

    static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(dir, ContractPolicy.TEXT, ContractPolicy.USERS);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** A documented request body, to be changed field by field. */
    static ObjectNode body(String contract) throws Exception {
        return (ObjectNode) TestService.JSON.readTree(TestService.contract(contract));
    }
}
