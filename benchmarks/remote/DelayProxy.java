import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP relay on 127.0.0.1 that holds every chunk a client sends for a fixed delay before passing it on: a remote
 * cache server that is {@code delay} ms away per request (an HTTP/1.1 request is one chunk). Prints its port.
 *
 * <pre>java DelayProxy.java TARGET_PORT DELAY_MS</pre>
 */
public class DelayProxy {
    public static void main(String[] args) throws IOException {
        int target = Integer.parseInt(args[0]);
        long delay = Long.parseLong(args[1]);
        try (ServerSocket server = new ServerSocket(0, 128, InetAddress.getByName("127.0.0.1"))) {
            System.out.println(server.getLocalPort());
            System.out.flush();
            while (true) {
                Socket client = server.accept();
                Socket upstream = new Socket("127.0.0.1", target);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                relay(client, upstream, delay);
                relay(upstream, client, 0);
            }
        }
    }

    private static void relay(Socket from, Socket to, long delay) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException closed) {
                // one side closed: close both
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closed already
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
    }
}
