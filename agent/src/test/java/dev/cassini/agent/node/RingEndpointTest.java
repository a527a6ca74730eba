package dev.cassini.agent.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.NodeState;
import dev.cassini.contract.RingEndpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The two-letter status code nodetool prints. */
class RingEndpointTest {
    @ParameterizedTest
    @CsvSource({
        "UP,NORMAL,UN,true",
        "DOWN,NORMAL,DN,false",
        "UP,JOINING,UJ,true",
        "DOWN,JOINING,DJ,false",
        "UP,LEAVING,UL,true",
        "DOWN,LEAVING,DL,false",
        "UP,MOVING,UM,true",
        "UNKNOWN,NORMAL,DN,false",
        "up,NORMAL,DN,false"
    })
    void statusCodeIsUpOrDownThenTheStatesInitial(String status, String state, String code, boolean up) {
        RingEndpoint endpoint =
                new RingEndpoint("127.0.0.1", "dc1", "r1", "h", status, NodeState.valueOf(state), "", 16);
        assertThat(endpoint.statusCode()).isEqualTo(code);
        assertThat(endpoint.up()).isEqualTo(up);
    }

    @ParameterizedTest
    @CsvSource({"UP,U?", "DOWN,D?"})
    void unknownStateShowsAQuestionMark(String status, String code) {
        assertThat(new RingEndpoint("127.0.0.1", "dc1", "r1", "h", status, null, "", 0).statusCode())
                .isEqualTo(code);
    }
}
