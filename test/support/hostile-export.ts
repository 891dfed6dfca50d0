/**
 * A hostile export shared by the report tests: every value tries to become markup, script, a link, or syntax of the
 * DOT and Mermaid languages. Reports must show each one as text.
 */

/** Values that would run script or make links if any context of the report failed to escape them. */
export const SCRIPT = '<script>window.__pwned=1</script>';
export const IMG = '"><img src=x onerror="window.__pwned=1">';
export const JS_URL = 'javascript:window.__pwned=1';
export const SVG_BREAK = '</svg><svg onload="window.__pwned=1">';
export const ATTR = "' onmouseover='window.__pwned=1' x='";
const yamlString = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Graphviz escapes (\N is the node name, \l a line break), a quote that would end the string, a trailing backslash. */
export const BACKSLASHES = 'back\\slash \\N \\l "quoted" \\';
/** Mermaid syntax: close the label, a comment, a link, a markdown string, an entity code. */
export const MERMAID_BREAK = '"] --> x[click x href "javascript:alert(1)"] %% `**md**` #quot; |pipe|';

export const PAYLOAD_EXPORT = `# A hostile export: every value tries to become markup, script or a link. ${SCRIPT}
schemaVersion: 1
hierarchy:
  sites:
    - SiteCode: P01
      SiteType: Primary
      SiteName: ${yamlString(SCRIPT)}
      Version: 2403
siteSystems:
  - SiteSystemServerName: ${yamlString(`${SCRIPT}.contoso.com`)}
    SiteCode: P01
    PublicFqdn: ${yamlString(JS_URL)}
    roles:
      ManagementPoint:
        ClientConnectionType: Internet
        EnableSsl: false
      CloudManagementGatewayConnectionPoint:
        CloudManagementGatewayName: ${yamlString(IMG)}
  - SiteSystemServerName: ${yamlString(SVG_BREAK)}
    SiteCode: P01
    roles:
      ServiceConnectionPoint:
        Mode: Online
cloudManagementGateways:
  - ServiceName: ${yamlString(IMG)}
    DeploymentName: ${yamlString(JS_URL)}
    SiteCode: P01
clientPopulations:
  - Name: ${yamlString(ATTR)}
    SiteCode: P01
    Count: 10
    Channels: [CMG, IBCM]
network:
  devices:
    - Name: ${yamlString(JS_URL)}
      Type: Firewall
      FrontOf: [${yamlString(`${SCRIPT}.contoso.com`)}]
dns:
  records:
    - Name: ${yamlString(IMG)}
      Type: CNAME
      Value: ${yamlString(JS_URL)}
    - Name: ${yamlString(BACKSLASHES)}
      Type: A
      Value: ${yamlString(MERMAID_BREAK)}
pki:
  CrlDistributionPoints: [${yamlString(JS_URL)}]
${yamlString('<img src=x onerror=window.__pwned=1>')}: 1
`;
