package com.example.shop.order.order;

/**
 * Who is asking: the owner of new orders, and whether they may see everybody's orders.
 *
 * @param owner the token subject
 * @param admin whether the token grants {@code orders:admin}
 */
public record Caller(String owner, boolean admin) {
}
