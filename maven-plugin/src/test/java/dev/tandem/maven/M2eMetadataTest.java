package dev.tandem.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class M2eMetadataTest {

    @Test
    @DisplayName("Eclipse runs prepare on configuration and on incremental builds, and maps no other goal")
    void prepareRunsInEclipse() throws Exception {
        Document metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/m2e/lifecycle-mapping-metadata.xml")) {
            assertThat(in).as("the plugin jar carries m2e metadata").isNotNull();
            metadata = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        XPath xpath = XPathFactory.newInstance().newXPath();
        NodeList goals = (NodeList) xpath.evaluate(
                "/lifecycleMappingMetadata/pluginExecutions/pluginExecution/pluginExecutionFilter/goals/goal",
                metadata,
                XPathConstants.NODESET);

        assertThat(goals.getLength()).isEqualTo(1);
        assertThat(goals.item(0).getTextContent()).isEqualTo("prepare");
        String execute = "/lifecycleMappingMetadata/pluginExecutions/pluginExecution/action/execute/";
        assertThat(xpath.evaluate(execute + "runOnConfiguration", metadata)).isEqualTo("true");
        assertThat(xpath.evaluate(execute + "runOnIncremental", metadata)).isEqualTo("true");
    }
}
