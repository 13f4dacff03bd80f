package topdown.format.ardour;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import topdown.format.UnsupportedSessionException;

import static topdown.format.xml.SafeXml.child;
import static topdown.format.xml.SafeXml.children;

/**
 * Routing edits on an Ardour session DOM: new group buses (cloned from an existing bus route, with fresh
 * ids from the session's id-counter, renamed ports, outputs to the master) and output connections of
 * tracks moved to another bus. Both ends of every connection are written, as Ardour itself saves them.
 */
final class ArdourRouting {
    private final Document doc;
    private final Element routesEl;
    private final Map<String, Element> routes;
    private long nextId;

    ArdourRouting(Document doc, Map<String, Element> routes) {
        this.doc = doc;
        this.routesEl = child(doc.getDocumentElement(), "Routes");
        this.routes = routes;
        long max = 0;
        try {
            max = Long.parseLong(doc.getDocumentElement().getAttribute("id-counter"));
        } catch (NumberFormatException e) {
            max = 0;
        }
        nextId = Math.max(max, maxId(doc.getDocumentElement())) + 1;
    }

    private static long maxId(Element e) {
        long m = 0;
        if (e.hasAttribute("id")) {
            try {
                m = Long.parseLong(e.getAttribute("id"));
            } catch (NumberFormatException ignored) {
                m = 0;
            }
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                m = Math.max(m, maxId((Element) c));
            }
        }
        return m;
    }

    String nextId() {
        return newId();
    }

    /** The route element with this name, or null. */
    Element routeNamed(String name) {
        for (Element r : routes.values()) {
            if (r.getAttribute("name").equals(name)) {
                return r;
            }
        }
        return null;
    }

    private String newId() {
        String id = Long.toString(nextId++);
        doc.getDocumentElement().setAttribute("id-counter", Long.toString(nextId));
        return id;
    }

    Element masterRoute() {
        for (Element r : routes.values()) {
            if (ArdourReader.flags(r).contains("MasterOut")) {
                return r;
            }
        }
        throw new IllegalStateException("session without master");
    }

    String masterName() {
        return masterRoute().getAttribute("name");
    }

    private Element template() throws UnsupportedSessionException {
        for (Element r : children(routesEl, "Route")) {
            String f = ArdourReader.flags(r);
            if (!f.contains("MasterOut") && !f.contains("MonitorOut") && !ArdourReader.isTrack(r)) {
                return r;
            }
        }
        throw new UnsupportedSessionException("the session has no bus to model a new one on; create one bus in Ardour"
                + " first or write the result as .topdown.json");
    }

    /** Adds a bus route named {@code name}, output to the master, fader at {@code gain}. */
    Element addBus(String wanted, double gain) throws UnsupportedSessionException {
        Element t = template();
        // Route names are port-name prefixes: they must be unique in the session.
        String name = wanted;
        for (int k = 1; nameTaken(name); k++) {
            name = k == 1 ? wanted + " Bus" : wanted + " Bus " + k;
        }
        String old = t.getAttribute("name");
        Element b = (Element) t.cloneNode(true);
        renumber(b);
        rename(b, old, name);
        int order = 0;
        for (Element r : children(routesEl, "Route")) {
            Element pi = child(r, "PresentationInfo");
            if (pi != null) {
                try {
                    order = Math.max(order, Integer.parseInt(pi.getAttribute("order")) + 1);
                } catch (NumberFormatException ignored) {
                    order = order + 0;
                }
            }
        }
        Element pi = child(b, "PresentationInfo");
        if (pi != null) {
            pi.setAttribute("order", Integer.toString(order));
        }
        for (Element p : children(b, "Processor")) {
            if (p.getAttribute("type").equals("amp")) {
                for (Element c : children(p, "Controllable")) {
                    if (c.getAttribute("name").equals("gaincontrol")) {
                        c.setAttribute("value", Double.toString(gain));
                    }
                }
            }
            if (!List.of("amp", "trim", "main-outs", "meter", "polarity").contains(p.getAttribute("type"))) {
                b.removeChild(p); // plugins of the template bus do not belong to the new one
            }
        }
        for (Element c : children(b, "Controllable")) {
            if (c.getAttribute("name").equals("mute") || c.getAttribute("name").equals("solo")) {
                c.setAttribute("value", "0");
            }
        }
        Element mm = child(b, "MuteMaster");
        if (mm != null) {
            mm.setAttribute("muted", "0");
        }
        for (Element io : children(b, "IO")) {
            for (Element port : children(io, "Port")) {
                for (Element c : children(port, "Connection")) {
                    port.removeChild(c);
                }
            }
        }
        routesEl.appendChild(doc.createTextNode("  "));
        routesEl.appendChild(b);
        routesEl.appendChild(doc.createTextNode("\n  "));
        routes.put(b.getAttribute("id"), b);
        connectOutputs(b, masterName());
        return b;
    }

    private boolean nameTaken(String name) {
        for (Element r : routes.values()) {
            if (r.getAttribute("name").equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private void renumber(Element e) {
        if (e.hasAttribute("id")) {
            e.setAttribute("id", newId());
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                renumber((Element) c);
            }
        }
    }

    private static void rename(Element e, String old, String name) {
        for (String attr : new String[] {"name", "output", "other"}) {
            if (!e.hasAttribute(attr)) {
                continue;
            }
            String v = e.getAttribute(attr);
            if (v.equals(old)) {
                e.setAttribute(attr, name);
            } else if (v.startsWith(old + "/")) {
                e.setAttribute(attr, name + v.substring(old.length()));
            } else if (v.equals("meter-" + old)) {
                e.setAttribute(attr, "meter-" + name);
            }
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                rename((Element) c, old, name);
            }
        }
    }

    private static List<Element> ports(Element route, String direction) {
        List<Element> out = new ArrayList<>();
        for (Element io : children(route, "IO")) {
            if (io.getAttribute("direction").equalsIgnoreCase(direction)) {
                out.addAll(children(io, "Port"));
            }
        }
        return out;
    }

    /** Reconnects a route's outputs to the inputs of route {@code toName} (null: disconnected). */
    void connectOutputs(Element route, String toName) {
        List<Element> outs = ports(route, "Output");
        List<String> outNames = new ArrayList<>();
        for (Element p : outs) {
            outNames.add(p.getAttribute("name"));
            for (Element c : children(p, "Connection")) {
                p.removeChild(c);
            }
        }
        // Remove the other ends from every route's inputs.
        for (Element r : routes.values()) {
            for (Element p : ports(r, "Input")) {
                for (Element c : children(p, "Connection")) {
                    if (outNames.contains(c.getAttribute("other"))) {
                        p.removeChild(c);
                    }
                }
            }
        }
        if (toName == null) {
            return;
        }
        Element to = null;
        for (Element r : routes.values()) {
            if (r.getAttribute("name").equals(toName)) {
                to = r;
            }
        }
        if (to == null) {
            return;
        }
        List<Element> ins = ports(to, "Input");
        for (int i = 0; i < outs.size() && !ins.isEmpty(); i++) {
            Element in = ins.get(Math.min(i, ins.size() - 1));
            Element c1 = doc.createElement("Connection");
            c1.setAttribute("other", in.getAttribute("name"));
            outs.get(i).appendChild(c1);
            Element c2 = doc.createElement("Connection");
            c2.setAttribute("other", outs.get(i).getAttribute("name"));
            in.appendChild(c2);
        }
    }
}
