package io.tidings.web;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP/1 connection whose request headers have not all arrived {@code HTTP_HEADER_TIMEOUT}
 * after the request's first byte. Micronaut's idle timeout never fires while a byte keeps coming, so
 * a client trickling its headers (slowloris) could hold a connection for as long as it liked. The
 * clock starts at the first byte, not when the connection goes quiet between requests: an idle
 * keep-alive connection is the idle timeout's business.
 */
@Singleton
class HeaderDeadline implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);
    private final long timeoutNanos;

    HeaderDeadline(HttpLimits limits) {
        this.timeoutNanos = limits.headerTimeout().toNanos();
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private final class Customizer implements NettyServerCustomizer {

        private final Channel connection;

        Customizer(Channel connection) {
            this.connection = connection;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = connection == null ? null : connection.pipeline();
            if (pipeline == null || pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) == null) {
                return;
            }
            Clock clock = new Clock();
            pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, "tidings-header-clock", clock.bytes);
            pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, "tidings-header-stop", clock.requests);
        }
    }

    /** One connection's clock: started by the bytes before the codec, stopped by the request after it. */
    private final class Clock {

        private ScheduledFuture<?> deadline;
        /** Between a request's headers and the end of its body, bytes belong to that request. */
        private boolean inRequest;

        final ChannelInboundHandlerAdapter bytes = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                if (!inRequest && deadline == null) {
                    deadline = ctx.executor().schedule(() -> {
                        LOG.debug("Closing a connection from {}: its request headers took too long", ctx.channel().remoteAddress());
                        ctx.close();
                    }, timeoutNanos, TimeUnit.NANOSECONDS);
                }
                ctx.fireChannelRead(message);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                stop();
                ctx.fireChannelInactive();
            }
        };

        final ChannelInboundHandlerAdapter requests = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                if (message instanceof HttpRequest) {
                    stop();
                    inRequest = true;
                }
                if (message instanceof LastHttpContent) {
                    inRequest = false;
                }
                ctx.fireChannelRead(message);
            }
        };

        private void stop() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }
    }
}
